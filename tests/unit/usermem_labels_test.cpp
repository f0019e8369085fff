// Label values of the faults, mmap, shm and hugetlb collectors: comm, result, IPC key, shmctl command, mapping.
#include <gtest/gtest.h>

#include <cerrno>

#include "collect/process/usermem_labels.h"

namespace kmh {
namespace {

TEST(UsermemLabels, CommStopsAtTheFirstNul)
{
	const char comm[16] = "kmemharness";
	EXPECT_EQ(comm_label(comm, sizeof(comm)), "kmemharness");
}

TEST(UsermemLabels, CommOfSixteenBytesWithoutNulIsKeptWhole)
{
	const char comm[16] = {'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p'};
	EXPECT_EQ(comm_label(comm, sizeof(comm)), "abcdefghijklmnop");
}

TEST(UsermemLabels, CommKeepsSpacesSlashesAndDashes)
{
	const char comm[16] = "kworker/u8:2-ev";
	EXPECT_EQ(comm_label(comm, sizeof(comm)), "kworker/u8:2-ev");
}

TEST(UsermemLabels, CommEscapesBytesThatAreNotPrintableAscii)
{
	const char comm[16] = "a\tb\xc3\xa9\\";
	EXPECT_EQ(comm_label(comm, sizeof(comm)), "a\\x09b\\xc3\\xa9\\x5c");
}

TEST(UsermemLabels, ResultNamesTheErrno)
{
	EXPECT_EQ(result_label(0), "ok");
	EXPECT_EQ(result_label(EINVAL), "EINVAL");
	EXPECT_EQ(result_label(ENOMEM), "ENOMEM");
	EXPECT_EQ(result_label(EACCES), "EACCES");
}

TEST(UsermemLabels, ResultWithoutANameIsANumber)
{
	EXPECT_EQ(result_label(4000), "E4000");
}

TEST(UsermemLabels, IpcKeyIsHexLikeIpcs)
{
	EXPECT_EQ(ipc_key_label(0), "0x00000000");
	EXPECT_EQ(ipc_key_label(0x4b4d4853), "0x4b4d4853");
	EXPECT_EQ(ipc_key_label(0xffffffff), "0xffffffff");
}

TEST(UsermemLabels, ShmctlCommandsByName)
{
	EXPECT_EQ(shmctl_cmd_label(0), "IPC_RMID");
	EXPECT_EQ(shmctl_cmd_label(2), "IPC_STAT");
	EXPECT_EQ(shmctl_cmd_label(11), "SHM_LOCK");
	EXPECT_EQ(shmctl_cmd_label(15), "SHM_STAT_ANY");
	EXPECT_EQ(shmctl_cmd_label(42), "42");
}

TEST(UsermemLabels, HugetlbAnonymousMappingsAreAnon)
{
	const char internal[48] = "anon_hugepage";
	const char none[48] = "";
	EXPECT_EQ(hugetlb_mapping_label(internal, sizeof(internal)), "anon");
	EXPECT_EQ(hugetlb_mapping_label(none, sizeof(none)), "anon");
}

TEST(UsermemLabels, HugetlbFileMappingsKeepTheirName)
{
	const char shm[48] = "SYSV4b4d4853";
	const char memfd[48] = "memfd:kmh-hugetlb";
	EXPECT_EQ(hugetlb_mapping_label(shm, sizeof(shm)), "SYSV4b4d4853");
	EXPECT_EQ(hugetlb_mapping_label(memfd, sizeof(memfd)), "memfd:kmh-hugetlb");
}

}  // namespace
}  // namespace kmh

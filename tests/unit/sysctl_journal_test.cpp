// Tests of the sysctl journal (harness/run/sysctl_journal.h) and the file lock the run lock is made of.
#include <filesystem>
#include <memory>

#include <gtest/gtest.h>

#include "common/error.h"
#include "run/sysctl_journal.h"
#include "scratch_tree.h"
#include "system/file_lock.h"

namespace kmh {
namespace {

class SysctlJournal : public ScratchTree {
protected:
	SysctlJournal() : ScratchTree("kmh_sysctl_journal") {}
};

TEST_F(SysctlJournal, KeepsChangesInOrderWithValuesAsFound)
{
	std::string journal = path("state/sysctls.json");
	EXPECT_TRUE(read_sysctl_journal(journal).empty());
	journal_sysctl(journal, { "vm.percpu_pagelist_high_fraction", "0", "8192" });
	journal_sysctl(journal, { "vm.lowmem_reserve_ratio", "256\t256\t32\t0\t0", "1\t1\t1\t0\t0" });
	std::vector<SysctlChange> changes = read_sysctl_journal(journal);
	ASSERT_EQ(changes.size(), 2u);
	EXPECT_EQ(changes[0].name, "vm.percpu_pagelist_high_fraction");
	EXPECT_EQ(changes[0].before, "0");
	EXPECT_EQ(changes[1].before, "256\t256\t32\t0\t0");
	EXPECT_FALSE(std::filesystem::exists(journal + ".tmp"));
	remove_sysctl_journal(journal);
	EXPECT_TRUE(read_sysctl_journal(journal).empty());
}

TEST_F(SysctlJournal, DamagedJournalIsAnEnvironmentErrorNamingIt)
{
	write("sysctls.json", "[{\"name\": \"vm.x\"");
	try {
		read_sysctl_journal(path("sysctls.json"));
		FAIL() << "a damaged journal was read";
	} catch (const Error &error) {
		EXPECT_EQ(error.code(), ExitCode::environment);
		EXPECT_NE(std::string(error.what()).find(path("sysctls.json")), std::string::npos) << error.what();
	}
}

class FileLockTest : public ScratchTree {
protected:
	FileLockTest() : ScratchTree("kmh_file_lock") {}
};

// flock belongs to the open file: a second opening is refused until the first is closed.
TEST_F(FileLockTest, SecondHolderWaitsUntilTheFirstIsGone)
{
	auto first = std::make_unique<FileLock>(path("run/measure.lock"));
	FileLock second(path("run/measure.lock"));
	ASSERT_TRUE(first->try_lock());
	first->write_owner("pid 1");
	EXPECT_FALSE(second.try_lock());
	EXPECT_EQ(second.owner(), "pid 1");
	first.reset();
	EXPECT_TRUE(second.try_lock());
}

}  // namespace
}  // namespace kmh

// Tests of the guest's scratch disk: its modules, its mkfs options, the image (harness/vm/guest_disk.h).
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "scratch_tree.h"

#include "common/error.h"
#include "common/external_programs.h"
#include "vm/guest_disk.h"

namespace kmh {
namespace {

namespace fs = std::filesystem;

class GuestDisk : public ScratchTree {
protected:
	GuestDisk() : ScratchTree("kmh-guest-disk") {}
};

// Debian 6.1: virtio_pci, virtio_blk and ext4 are modules sharing virtio and virtio_ring.
TEST_F(GuestDisk, ModulesLoadDependenciesFirstAndEachOnce)
{
	write("modules.dep", "kernel/drivers/virtio/virtio_ring.ko:\n"
			     "kernel/drivers/virtio/virtio.ko: kernel/drivers/virtio/virtio_ring.ko\n"
			     "kernel/drivers/virtio/virtio_pci.ko: kernel/drivers/virtio/virtio.ko "
			     "kernel/drivers/virtio/virtio_ring.ko\n"
			     "kernel/drivers/block/virtio_blk.ko: kernel/drivers/virtio/virtio.ko "
			     "kernel/drivers/virtio/virtio_ring.ko\n"
			     "kernel/crypto/crc32c_generic.ko:\n"
			     "kernel/fs/ext4/ext4.ko: kernel/lib/crc16.ko kernel/fs/jbd2/jbd2.ko\n");
	for (const char *module : { "kernel/drivers/virtio/virtio_ring.ko", "kernel/drivers/virtio/virtio.ko",
				    "kernel/drivers/virtio/virtio_pci.ko", "kernel/drivers/block/virtio_blk.ko",
				    "kernel/crypto/crc32c_generic.ko", "kernel/fs/ext4/ext4.ko",
				    "kernel/lib/crc16.ko", "kernel/fs/jbd2/jbd2.ko" })
		write(module, "");
	std::vector<std::string> expected = { path("kernel/drivers/virtio/virtio_ring.ko"),
					      path("kernel/drivers/virtio/virtio.ko"),
					      path("kernel/drivers/virtio/virtio_pci.ko"),
					      path("kernel/drivers/block/virtio_blk.ko"),
					      path("kernel/crypto/crc32c_generic.ko"),
					      path("kernel/fs/jbd2/jbd2.ko"),
					      path("kernel/lib/crc16.ko"),
					      path("kernel/fs/ext4/ext4.ko") };
	EXPECT_EQ(guest_disk_module_files(dir_.string(), "6.1.0-test"), expected);
}

// Debian 6.12: virtio_pci built in, the rest xz-compressed modules.
TEST_F(GuestDisk, BuiltInModulesAreSkipped)
{
	write("modules.builtin", "kernel/drivers/virtio/virtio.ko\nkernel/drivers/virtio/virtio_pci.ko\n");
	write("modules.dep", "kernel/drivers/block/virtio_blk.ko.xz:\nkernel/crypto/crc32c_generic.ko.xz:\n"
			     "kernel/fs/ext4/ext4.ko.xz:\n");
	write("kernel/drivers/block/virtio_blk.ko.xz", "");
	write("kernel/crypto/crc32c_generic.ko.xz", "");
	write("kernel/fs/ext4/ext4.ko.xz", "");
	std::vector<std::string> expected = { path("kernel/drivers/block/virtio_blk.ko.xz"),
					      path("kernel/crypto/crc32c_generic.ko.xz"),
					      path("kernel/fs/ext4/ext4.ko.xz") };
	EXPECT_EQ(guest_disk_module_files(dir_.string(), "6.12.0-test"), expected);
}

TEST_F(GuestDisk, MissingDriverNamesItsConfigSymbol)
{
	write("modules.builtin", "kernel/drivers/virtio/virtio_pci.ko\nkernel/drivers/block/virtio_blk.ko\n"
				 "kernel/crypto/crc32c_generic.ko\n");
	write("modules.dep", "kernel/lib/crc16.ko:\n");
	try {
		guest_disk_module_files(dir_.string(), "6.1.0-test");
		ADD_FAILURE() << "no error without ext4";
	} catch (const Error &error) {
		EXPECT_EQ(error.code(), ExitCode::environment);
		EXPECT_NE(std::string(error.what()).find("linux-image-6.1.0-test has no ext4 module (CONFIG_EXT4_FS)"),
			  std::string::npos)
			<< error.what();
	}
}

TEST_F(GuestDisk, MkfsLeavesNoJournalAndNoLazyWork)
{
	std::vector<std::string> argv = guest_disk_mkfs_command("/sbin/mkfs.ext4", "/work/scratch.ext4");
	EXPECT_EQ(argv.front(), "/sbin/mkfs.ext4");
	EXPECT_EQ(argv.back(), "/work/scratch.ext4");
	auto value_of = [&](const std::string &option) {
		auto found = std::find(argv.begin(), argv.end(), option);
		return found == argv.end() || found + 1 == argv.end() ? "" : *(found + 1);
	};
	EXPECT_NE(value_of("-O").find("^has_journal"), std::string::npos);
	EXPECT_NE(value_of("-E").find("lazy_itable_init=0"), std::string::npos);
	EXPECT_NE(value_of("-E").find("root_owner=0:0"), std::string::npos);
}

// ext4's superblock magic 0xEF53 is at byte 1024 + 0x38; the file stays sparse.
TEST_F(GuestDisk, ImageIsASparseExt4File)
{
	if (!find_program("mkfs.ext4"))
		GTEST_SKIP() << "mkfs.ext4 is not installed: " << install_hint("mkfs.ext4");
	std::string image = path("scratch.ext4");
	create_guest_disk(image, 1LL << 30);
	EXPECT_EQ(fs::file_size(image), 1ULL << 30);
	struct stat info {};
	ASSERT_EQ(stat(image.c_str(), &info), 0);
	EXPECT_LT(info.st_blocks * 512, 16LL << 20) << "a formatted 1 GiB image should hold a few MiB";
	std::ifstream file(image, std::ios::binary);
	file.seekg(1024 + 0x38);
	unsigned char magic[2] = {};
	file.read(reinterpret_cast<char *>(magic), 2);
	EXPECT_EQ(magic[0] | magic[1] << 8, 0xEF53);
}

}  // namespace
}  // namespace kmh

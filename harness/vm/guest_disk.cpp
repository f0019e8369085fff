// Creating the guest's scratch disk image and listing the modules that mount it.
#include "vm/guest_disk.h"

#include <filesystem>
#include <fstream>

#include "common/error.h"
#include "common/external_programs.h"
#include "vm/command.h"
#include "vm/module_dependencies.h"

namespace kmh {

std::vector<std::string> guest_disk_mkfs_command(const std::string &mkfs, const std::string &image)
{
	return { mkfs, "-q", "-F", "-L", "kmh-scratch", "-m", "0", "-T", "largefile",
		 "-O", "^has_journal",
		 "-E", "root_owner=0:0,lazy_itable_init=0,lazy_journal_init=0,nodiscard", image };
}

void create_guest_disk(const std::string &image, std::int64_t bytes)
{
	std::string mkfs = require_program("mkfs.ext4");
	std::filesystem::remove(image);
	std::ofstream(image, std::ios::binary).close();
	std::filesystem::resize_file(image, static_cast<std::uintmax_t>(bytes));
	CommandOutput output = run_command(guest_disk_mkfs_command(mkfs, image));
	if (output.exit_status != 0)
		throw run_error("mkfs.ext4 of the guest's scratch disk " + image + " failed: " + last_lines(output.output, 5));
}

std::vector<std::string> guest_disk_module_files(const std::string &modules_dir, const std::string &release)
{
	return module_load_order(modules_dir, release,
				 { { { "kernel/drivers/virtio/virtio_pci.ko" }, "CONFIG_VIRTIO_PCI" },
				   { { "kernel/drivers/block/virtio_blk.ko" }, "CONFIG_VIRTIO_BLK" },
				   { { "kernel/crypto/crc32c_generic.ko", "kernel/crypto/crc32c-cryptoapi.ko" },
				     "CONFIG_CRYPTO_CRC32C" },
				   { { "kernel/fs/ext4/ext4.ko" }, "CONFIG_EXT4_FS" } });
}

}  // namespace kmh

// The guest's scratch disk: a sparse ext4 image made on the host, attached as virtio-blk.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kmh {

// The disk as the guest sees it (the only virtio-blk device) and where /init mounts it: the
// folder the runner puts the workloads' scratch folders in (/var/tmp/kmemharness.<pid>/<name>),
// so their files get real page cache instead of the initramfs's tmpfs.
inline constexpr const char *guest_disk_device = "/dev/vda";
inline constexpr const char *guest_disk_mount_point = "/var/tmp";

// mkfs.ext4's command line for `image`: no journal (no jbd2 commits while measuring), inode
// tables written now rather than by ext4lazyinit in the guest, one inode per MiB (scratch space
// holds few, large files), no reserved blocks, owned by root.
std::vector<std::string> guest_disk_mkfs_command(const std::string &mkfs, const std::string &image);

// Makes `image` a sparse file of `bytes` and formats it: only what the guest writes takes space
// on the host. Throws environment_error when mkfs.ext4 is missing, run_error when it fails.
void create_guest_disk(const std::string &image, std::int64_t bytes);

// The module files the guest loads to mount the disk, in load order: virtio_pci, virtio_blk,
// crc32c (ext4 asks the crypto API for it at every mount, and the guest has no modprobe to load
// it on demand) and ext4, with their dependencies; none of those built in.
std::vector<std::string> guest_disk_module_files(const std::string &modules_dir, const std::string &release);

}  // namespace kmh

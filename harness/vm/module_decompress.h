// Kernel modules staged for a guest as plain .ko files, decompressed on the host when packed.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kmh {

// How one compressed module is made plain in place: `<program> <arguments> <file>` replaces
// `file` (x.ko.xz) by x.ko beside it.
struct ModuleDecompressor {
	std::string program;  // xz, zstd or gzip (its package: scripts/external-programs.tsv)
	std::vector<std::string> arguments;
};

// The decompressor a module file's name calls for: none for a plain .ko; xz for .ko.xz, zstd for
// .ko.zst, gzip for .ko.gz (CONFIG_MODULE_COMPRESS_*). Throws environment_error for any other name.
std::optional<ModuleDecompressor> module_decompressor(const std::string &file);

// The path without its compression suffix: "kernel/fs/ext4/ext4.ko.xz" -> "kernel/fs/ext4/ext4.ko".
std::string uncompressed_module_path(const std::string &file);

// Copies `module` to `target` (a plain .ko path), decompressing it with the host's tool on the way:
// the guest's busybox insmod loads plain modules only. Throws environment_error when the tool is
// missing, run_error when it fails.
void stage_module(const std::string &module, const std::string &target);

}  // namespace kmh

// A bzImage's kernel decompressed once into an ELF vmlinux that QEMU boots through its PVH entry.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kmh {

// Where the compressed kernel lies in a bzImage (setup header fields payload_offset and
// payload_length, boot protocol 2.08+). Throws invalid_input when the header has no payload.
struct PayloadLocation {
	std::size_t offset = 0;
	std::size_t length = 0;
};
PayloadLocation bzimage_payload(std::string_view image);

// The command that decompresses `payload` to stdout, from its magic bytes: {"xz", ...},
// {"lz4", ...}, {"gzip", ...}, {"zstd", ...}; empty for a compression we do not handle.
std::vector<std::string> payload_decompressor(std::string_view payload);

// Whether `elf` is a 64-bit ELF with a Xen PHYS32_ENTRY note: the PVH entry QEMU's -kernel needs
// to boot an uncompressed kernel.
bool has_pvh_note(std::string_view elf);

// The cached vmlinux for `bzimage` (made on first use under `cache_dir`), or nullopt with the
// reason in `why` when this kernel cannot boot that way (then boot the bzImage as it is).
// Under TCG this skips the firmware's kernel loading and the in-guest decompression: the
// generic Debian kernel (xz) reached its first message after 0.8 s instead of 9.7 s here.
std::optional<std::string> pvh_kernel(const std::string &bzimage, const std::string &cache_dir, std::string &why);

}  // namespace kmh

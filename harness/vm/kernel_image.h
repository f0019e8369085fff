// A kernel image to boot: its release, read from the bzImage header, and the headers built against.
#pragma once

#include <string>
#include <string_view>

#include "system/bounded_file.h"

namespace kmh {

// Debian's bzImages are about 8 MiB; 256 MiB leaves room for any kernel built with everything in.
inline constexpr InputFileKind kernel_image_file_kind{ "kernel image", 256ULL << 20, ExitCode::environment };

struct KernelImage {
	std::string path;
	std::string version_text;  // "6.1.0-56-amd64 (debian-kernel@lists.debian.org) #1 SMP ..."
	std::string release;       // "6.1.0-56-amd64"
	std::string headers_dir;   // the kernel's build headers, for building the module
	std::string tree_dir;      // the build folder (make O=DIR) the image was given as; "" for an image file
};

// The version string a bzImage's setup header points to (boot protocol 2.00+: the 2-byte
// kernel_version field at 0x20E, plus 0x200). Throws invalid_input when `image` is not a bzImage,
// or is shorter than its setup header declares (setup_sects and syssize: a truncated file).
std::string bzimage_version_text(std::string_view image);

// The release: the version string's first word.
std::string release_of(const std::string &version_text);

// The release of the bzImage at `path` (a file, or a kernel build folder: its
// arch/x86/boot/bzImage), without looking for its headers. Throws like inspect_kernel_image.
std::string kernel_image_release(const std::string &path);

// Whether the run builds the module, so that the headers must be there.
enum class HeadersNeed { required, not_needed };

// Reads the image at `path` and names its headers: `headers_dir`, or when it is empty
// /usr/src/linux-headers-<release> (beside an unpacked root's image: that root's), or the
// folder itself when `path` is a kernel build folder (then its image is arch/x86/boot/bzImage); with HeadersNeed::required they must
// exist. Throws environment_error naming the missing file and the Debian package that provides it.
KernelImage inspect_kernel_image(const std::string &path, const std::string &headers_dir,
				 HeadersNeed need = HeadersNeed::required);

// What inspect_kernel_image does for HeadersNeed::required, for an image already inspected:
// `defaulted` says the headers were not named (the hint then names the Debian package).
void require_kernel_headers(const KernelImage &image, bool defaulted);

}  // namespace kmh

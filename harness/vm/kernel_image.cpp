// Reading a bzImage's setup header and locating the kernel's build headers.
#include "vm/kernel_image.h"

#include <filesystem>

#include "common/error.h"
#include "vm/debian_kernels.h"
#include "vm/kernel_tree.h"

namespace kmh {

namespace {

constexpr std::size_t header_magic_offset = 0x202;
constexpr std::string_view header_magic = "HdrS";
constexpr std::size_t version_pointer_offset = 0x20E;
constexpr std::size_t version_pointer_base = 0x200;
constexpr std::size_t setup_sects_offset = 0x1F1;  // 0 means 4
constexpr std::size_t syssize_offset = 0x1F4;      // the protected-mode kernel, in 16-byte units
constexpr std::size_t sector_bytes = 512;

unsigned read_le16(std::string_view bytes, std::size_t offset)
{
	return static_cast<unsigned char>(bytes[offset]) | static_cast<unsigned char>(bytes[offset + 1]) << 8;
}

std::string read_image(const std::string &path)
{
	if (!std::filesystem::exists(path))
		throw environment_error("kernel image '" + path + "' does not exist; `kmemharness list kernels` shows "
					"the images installed, `" + kernel_install_hint(KernelChoice{}) + "` installs Debian's");
	try {
		return read_input_file(path, kernel_image_file_kind);
	} catch (const Error &error) {
		if (error.code() != ExitCode::environment)
			throw;
		throw environment_error(std::string(error.what()) + " (try as root: /boot/vmlinuz-* is readable by root only)");
	}
}

// The folder an image was installed or unpacked into: <root>/usr/lib/modules/<release>/vmlinuz
// (or <root>/lib/modules/…), <root>/boot/vmlinuz-<release>; "/" for an image anywhere else.
std::filesystem::path image_root(const std::filesystem::path &image, const std::string &release)
{
	std::filesystem::path dir = image.parent_path();
	if (image.filename() == "vmlinuz-" + release && dir.filename() == "boot")
		return dir.parent_path();
	if (image.filename() != "vmlinuz" || dir.filename() != release || dir.parent_path().filename() != "modules")
		return "/";
	std::filesystem::path lib = dir.parent_path().parent_path();
	if (lib.filename() != "lib")
		return "/";
	return lib.parent_path().filename() == "usr" ? lib.parent_path().parent_path() : lib.parent_path();
}

// The headers that came with the image: <root>/usr/src/linux-headers-<release> (root "/" when
// installed; the folder scripts/fetch-kernel.sh unpacked a suite's packages into otherwise).
std::string default_headers_dir(const std::string &image, const std::string &release)
{
	std::filesystem::path root = image_root(std::filesystem::path(image).lexically_normal(), release);
	return (root / "usr/src" / ("linux-headers-" + release)).string();
}

void check_headers(const std::string &headers_dir, const std::string &release, bool defaulted)
{
	if (std::filesystem::exists(std::filesystem::path(headers_dir) / "Makefile"))
		return;
	std::string hint = defaulted ? "install them with `apt-get install linux-headers-" + release +
					       "`, or pass --kernel-headers DIR"
				     : "point --kernel-headers (or [target] kernel_headers) at a kernel build "
				       "folder, or install `linux-headers-" + release + "`";
	throw environment_error("no kernel headers for " + release + " at '" + headers_dir +
				"' (no Makefile there): the module cannot be built; " + hint);
}

unsigned long read_le32(std::string_view bytes, std::size_t offset)
{
	return read_le16(bytes, offset) | static_cast<unsigned long>(read_le16(bytes, offset + 2)) << 16;
}

// The boot sector and setup sectors, then syssize paragraphs of kernel: what the file must hold at
// least (a signed image has its signature after them).
void check_declared_size(std::string_view image)
{
	std::size_t setup_sects = static_cast<unsigned char>(image[setup_sects_offset]);
	std::size_t declared = (1 + (setup_sects == 0 ? 4 : setup_sects)) * sector_bytes +
			       read_le32(image, syssize_offset) * 16;
	if (image.size() < declared)
		throw invalid_input("bzImage is truncated: its setup header declares " + std::to_string(declared) +
				    " bytes, the file has " + std::to_string(image.size()));
}

}  // namespace

std::string bzimage_version_text(std::string_view image)
{
	if (image.size() < version_pointer_offset + 2 ||
	    image.substr(header_magic_offset, header_magic.size()) != header_magic)
		throw invalid_input("not a bzImage: no 'HdrS' setup header at offset 0x202");
	check_declared_size(image);
	unsigned pointer = read_le16(image, version_pointer_offset);
	std::size_t start = pointer + version_pointer_base;
	if (pointer == 0 || start >= image.size())
		throw invalid_input("bzImage has no kernel version string (kernel_version field is 0 or past the end)");
	std::size_t end = image.find('\0', start);
	if (end == std::string_view::npos)
		throw invalid_input("bzImage kernel version string is not terminated");
	return std::string(image.substr(start, end - start));
}

std::string release_of(const std::string &version_text)
{
	return version_text.substr(0, version_text.find(' '));
}

namespace {

std::string image_version_text(const std::string &path)
{
	std::string image = read_image(path);
	try {
		return bzimage_version_text(image);
	} catch (const Error &error) {
		if (error.code() != ExitCode::invalid_input)
			throw;
		throw invalid_input("kernel image '" + path + "': " + error.what());
	}
}

}  // namespace

std::string kernel_image_release(const std::string &path)
{
	return release_of(image_version_text(names_folder(path) ? kernel_tree_image_path(path) : path));
}

KernelImage inspect_kernel_image(const std::string &path, const std::string &headers_dir, HeadersNeed need)
{
	KernelImage image;
	if (names_folder(path))
		image.tree_dir = std::filesystem::absolute(path).lexically_normal().string();
	image.path = image.tree_dir.empty() ? std::filesystem::absolute(path).lexically_normal().string()
					    : kernel_tree_image_path(image.tree_dir);
	image.version_text = image_version_text(image.path);
	image.release = release_of(image.version_text);
	if (!headers_dir.empty())
		image.headers_dir = headers_dir;
	else
		image.headers_dir = image.tree_dir.empty() ? default_headers_dir(image.path, image.release) : image.tree_dir;
	if (need == HeadersNeed::required)
		require_kernel_headers(image, headers_dir.empty());
	return image;
}

void require_kernel_headers(const KernelImage &image, bool defaulted)
{
	check_headers(image.headers_dir, image.release, defaulted);
}

}  // namespace kmh

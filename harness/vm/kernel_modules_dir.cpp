// Telling a modules-folder image (<release>/vmlinuz) from a /boot-style one.
#include "vm/kernel_modules_dir.h"

#include <filesystem>

namespace kmh {

std::string kernel_modules_dir(const std::string &image, const std::string &release)
{
	std::filesystem::path path = std::filesystem::path(image).lexically_normal();
	if (path.filename() == "vmlinuz" && path.parent_path().filename() == release)
		return path.parent_path().string();
	return "/lib/modules/" + release;
}

}  // namespace kmh

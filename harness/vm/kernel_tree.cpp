// Checking a kernel build folder and installing its modules into the cache with the kernel's own modules_install.
#include "vm/kernel_tree.h"

#include <unistd.h>

#include <filesystem>

#include <fmt/core.h>

#include "common/error.h"
#include "common/external_programs.h"
#include "system/dead_owner.h"
#include "system/file_io.h"
#include "system/sha256.h"
#include "vm/command.h"

namespace kmh {

namespace fs = std::filesystem;

namespace {

// What `make O=DIR` leaves in a built tree, and the target that makes each.
struct TreeFile {
	const char *path;
	const char *made_by;
};

constexpr TreeFile tree_files[] = {
	{ ".config", "a configuration (make O=DIR defconfig)" },
	{ kernel_tree_image, "make O=DIR bzImage" },
	{ "Module.symvers", "make O=DIR modules" },
	{ "modules.order", "make O=DIR modules" },
};

constexpr std::size_t digest_characters = 12;

// Private folders of installs whose process is gone (it was killed mid-install).
void remove_abandoned_installs(const fs::path &entry)
{
	std::error_code ignored;
	std::string prefix = entry.filename().string() + ".install-";
	for (const fs::directory_entry &other : fs::directory_iterator(entry.parent_path(), ignored))
		if (owned_by_dead_process(other.path().filename().string(), prefix))
			fs::remove_all(other.path(), ignored);
}

void install_modules(const std::string &dir, const fs::path &install_dir)
{
	fs::remove_all(install_dir);
	fs::create_directories(install_dir);
	CommandOutput make = run_command({ require_program("make"), "-C", dir, "modules_install",
					   "INSTALL_MOD_PATH=" + install_dir.string(), "INSTALL_MOD_STRIP=1",
					   "DEPMOD=" + require_program("depmod") });
	write_file_atomically((install_dir / "make.log").string(), make.output);
	if (make.exit_status != 0)
		throw run_error(fmt::format("installing the modules of the kernel build folder {} failed (make "
					    "modules_install exit {}); full log: {}\n{}",
					    dir, make.exit_status, (install_dir / "make.log").string(),
					    last_lines(make.output, 15)));
}

}  // namespace

bool names_folder(const std::string &path)
{
	std::error_code ignored;
	return fs::is_directory(path, ignored);
}

std::string kernel_tree_image_path(const std::string &dir)
{
	for (const TreeFile &file : tree_files)
		if (!fs::exists(fs::path(dir) / file.path))
			throw environment_error(fmt::format("'{}' is not a built kernel build folder: it has no {} ({} "
							    "makes it); give --kernel-tree the O= folder of a kernel "
							    "built with `make O=DIR bzImage modules`",
							    dir, file.path, file.made_by));
	return (fs::absolute(dir) / kernel_tree_image).lexically_normal().string();
}

std::string installed_tree_modules(const std::string &dir, const std::string &release,
				   const std::string &version_text, const std::string &cache_dir, Progress &progress)
{
	fs::path entry = fs::path(cache_dir) /
			 fmt::format("tree-{}-{}", release, sha256_hex(version_text).substr(0, digest_characters));
	fs::path modules = entry / "lib/modules" / release;
	progress.step("modules of the build folder " + dir + " (" + entry.string() + ")");
	if (fs::exists(modules / "modules.dep")) {
		progress.done("installed for this build before, reused");
		return modules.string();
	}
	remove_abandoned_installs(entry);
	fs::path install_dir = entry.string() + ".install-" + std::to_string(getpid());
	install_modules(fs::absolute(dir).string(), install_dir);
	if (!fs::exists(install_dir / "lib/modules" / release / "modules.dep"))
		throw run_error("make modules_install of " + dir + " made no lib/modules/" + release +
				"/modules.dep in " + install_dir.string() + " (see make.log there)");
	std::error_code taken;
	fs::rename(install_dir, entry, taken);  // fails only when another run put its install there first
	if (taken)
		fs::remove_all(install_dir);
	progress.done("installed (make modules_install, stripped)");
	return modules.string();
}

}  // namespace kmh

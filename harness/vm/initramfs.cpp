// Staging the guest's root file system and packing it as an uncompressed newc cpio archive.
#include "vm/initramfs.h"

#include <filesystem>

#include <fmt/core.h>

#include "common/error.h"
#include "common/external_programs.h"
#include "system/file_io.h"
#include "vm/command.h"
#include "vm/guest_disk.h"
#include "vm/guest_init.h"
#include "vm/module_decompress.h"
#include "vm/shared_libraries.h"

namespace kmh {

namespace fs = std::filesystem;

namespace {

const std::vector<std::string> mount_points = { "proc", "sys", "dev", "tmp", "out", "bin", "sbin", "usr/bin",
						 "usr/sbin", "etc/kmemharness", "lib/kmemharness", "scenario" };
const char *const swap_module_folder = "/lib/kmemharness/swap";
const char *const disk_module_folder = "/lib/kmemharness/disk";

// The file at `path` inside the staging folder, with its folders made.
fs::path staged(const fs::path &staging, const std::string &path)
{
	fs::path target = staging / fs::path(path).relative_path();
	fs::create_directories(target.parent_path());
	return target;
}

void require_file(const std::string &path, const std::string &what)
{
	if (!fs::is_regular_file(path))
		throw environment_error(fmt::format("{} '{}' not found", what, path));
}

// Copies the file a path or symlink resolves to, keeping the path the program will look it up by.
void stage_file(const fs::path &staging, const std::string &source, const std::string &guest_path)
{
	fs::copy_file(fs::canonical(source), staged(staging, guest_path), fs::copy_options::overwrite_existing);
}

// Without debug information: a smaller archive boots faster under TCG.
void stage_harness(const fs::path &staging, const std::string &binary)
{
	fs::path target = staged(staging, "/bin/kmemharness");
	CommandOutput strip = run_command({require_program("strip"), "--strip-debug", "-o", target.string(),
					   fs::canonical(binary).string()});
	if (strip.exit_status != 0)
		throw run_error("strip of " + binary + " failed: " + last_lines(strip.output, 5));
	for (const std::string &library : shared_libraries_of(fs::canonical(binary).string()))
		stage_file(staging, library, library);
}

void stage_busybox(const fs::path &staging, const std::string &busybox)
{
	stage_file(staging, busybox, "/bin/busybox");
	for (const std::string &library : shared_libraries_of(busybox))
		stage_file(staging, library, library);
}

// Where each module lands in the guest, under `folder`: as a plain .ko, whatever the host's compression.
std::vector<std::string> guest_module_paths(const std::vector<std::string> &modules, const std::string &folder)
{
	std::vector<std::string> paths;
	for (const std::string &module : modules)
		paths.push_back(folder + "/" + fs::path(uncompressed_module_path(module)).filename().string());
	return paths;
}

std::string joined(const std::vector<std::string> &words)
{
	std::string text;
	for (const std::string &word : words)
		text += (text.empty() ? "" : " ") + word;
	return text;
}

void stage_modules(const fs::path &staging, const std::vector<std::string> &modules, const std::string &folder)
{
	std::vector<std::string> guest_paths = guest_module_paths(modules, folder);
	for (std::size_t i = 0; i < modules.size(); i++)
		stage_module(modules[i], staged(staging, guest_paths[i]).string());
}

void stage_init(const fs::path &staging, const InitramfsContents &contents)
{
	fs::path init = staged(staging, "/init");
	write_file_atomically(init.string(), guest_init_script());
	fs::permissions(init, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
				      fs::perms::others_read | fs::perms::others_exec);
	write_file_atomically(staged(staging, guest_settings_path).string(), guest_settings(contents));
}

// Uncompressed: under TCG the guest kernel's gunzip of the archive and the host's gzip cost more
// than the larger archive does (docs/vm-runs.md, "Times measured here").
void pack(const fs::path &staging, const std::string &archive)
{
	std::string cpio = require_program("cpio");
	std::string command = fmt::format("find . -print0 | LC_ALL=C sort -z | '{}' --null --create --format=newc "
					  "--quiet > '{}'",
					  cpio, fs::absolute(archive).string());
	CommandOutput packing = run_command({"/bin/sh", "-c", command}, staging.string());
	if (packing.exit_status != 0)
		throw run_error("packing the initramfs failed: " + last_lines(packing.output, 5));
}

}  // namespace

std::string guest_module_path(const InitramfsContents &contents)
{
	return contents.module.empty() ? "" : "/lib/kmemharness/" + fs::path(contents.module).filename().string();
}

// Numbered, so two scenarios of one file name from different folders do not overwrite each other.
std::string guest_scenario_path(const InitramfsContents &contents, std::size_t index)
{
	return fmt::format("/scenario/{}-{}", index, fs::path(contents.scenarios.at(index).file).filename().string());
}

std::string guest_settings(const InitramfsContents &contents)
{
	std::string settings = fmt::format("KMH_MODULE='{}'\nKMH_SWAP_MODULES='{}'\nKMH_DISK='{}'\nKMH_DISK_MOUNT='{}'\n"
					   "KMH_DISK_MODULES='{}'\nKMH_SYSCTLS='{}'\nKMH_SCENARIO_COUNT='{}'\n",
					   guest_module_path(contents),
					   joined(guest_module_paths(contents.swap_modules, swap_module_folder)),
					   contents.disk ? guest_disk_device : "", guest_disk_mount_point,
					   joined(guest_module_paths(contents.disk_modules, disk_module_folder)),
					   joined(contents.sysctl_options), contents.scenarios.size());
	for (std::size_t i = 0; i < contents.scenarios.size(); i++)
		settings += fmt::format("KMH_SCENARIO_{}='{}'\nKMH_SWAP_BYTES_{}='{}'\n", i, guest_scenario_path(contents, i),
					i, contents.scenarios[i].swap_bytes);
	return settings;
}

void build_initramfs(const InitramfsContents &contents, const std::string &staging_dir, const std::string &archive)
{
	require_file(contents.busybox, "busybox (install busybox-static)");
	require_file(contents.harness_binary, "kmemharness binary");
	if (!contents.module.empty())
		require_file(contents.module, "kernel module");
	for (const StagedScenario &scenario : contents.scenarios)
		require_file(scenario.file, "scenario file");
	fs::path staging(staging_dir);
	fs::remove_all(staging);
	for (const std::string &folder : mount_points)
		fs::create_directories(staging / folder);
	stage_busybox(staging, contents.busybox);
	stage_harness(staging, contents.harness_binary);
	if (!contents.module.empty())
		stage_file(staging, contents.module, guest_module_path(contents));
	for (std::size_t i = 0; i < contents.scenarios.size(); i++)
		stage_file(staging, contents.scenarios[i].file, guest_scenario_path(contents, i));
	for (const std::string &file : contents.command_files)
		stage_file(staging, file, file);
	stage_modules(staging, contents.swap_modules, swap_module_folder);
	stage_modules(staging, contents.disk_modules, disk_module_folder);
	stage_init(staging, contents);
	pack(staging, archive);
}

}  // namespace kmh

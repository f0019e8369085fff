// Copying kmod_workloads/ to a private build folder, running Kbuild there, publishing it in the cache under a lock.
#include "vm/module_build.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

#include <fmt/core.h>

#include "common/error.h"
#include "common/external_programs.h"
#include "system/file_io.h"
#include "system/file_lock.h"
#include "system/interrupt_watch.h"
#include "system/sha256.h"
#include "vm/command.h"
#include "vm/kernel_compiler.h"
#include "vm/root_make.h"

namespace kmh {

namespace fs = std::filesystem;

namespace {

const char *const hash_file = ".source-hash";
const char *const build_log = "make.log";
const char *const private_infix = ".build-";  // kmod-<release>.build-<pid>: one run's build in progress
constexpr std::chrono::milliseconds lock_poll_interval{ 200 };

bool is_module_source(const fs::path &path)
{
	std::string name = path.filename().string();
	std::string extension = path.extension().string();
	return name == "Kbuild" || name == "Makefile" || extension == ".c" || extension == ".h";
}

// Sorted, so the hash does not depend on directory order.
std::vector<fs::path> module_sources(const std::string &source_dir)
{
	std::vector<fs::path> sources;
	for (const fs::directory_entry &entry : fs::directory_iterator(source_dir))
		if (entry.is_regular_file() && is_module_source(entry.path()))
			sources.push_back(entry.path());
	std::sort(sources.begin(), sources.end());
	return sources;
}

void check_sources(const std::string &source_dir)
{
	if (!fs::is_directory(source_dir))
		throw environment_error("module sources '" + source_dir + "' not found: VM runs build the kmemharness "
					"module from the kmod_workloads/ folder of the source tree");
	std::vector<fs::path> sources = module_sources(source_dir);
	bool has_c = std::any_of(sources.begin(), sources.end(), [](const fs::path &p) { return p.extension() == ".c"; });
	if (!has_c || !fs::exists(fs::path(source_dir) / "Kbuild"))
		throw environment_error("module sources '" + source_dir + "' have no Kbuild file or no .c file");
}

void copy_sources(const std::string &source_dir, const fs::path &build_dir)
{
	fs::remove_all(build_dir);
	fs::create_directories(build_dir);
	for (const fs::path &source : module_sources(source_dir))
		fs::copy_file(source, build_dir / source.filename());
}

std::optional<fs::path> built_module(const fs::path &build_dir)
{
	std::vector<fs::path> modules;
	if (!fs::is_directory(build_dir))
		return std::nullopt;
	for (const fs::directory_entry &entry : fs::directory_iterator(build_dir))
		if (entry.path().extension() == ".ko")
			modules.push_back(entry.path());
	if (modules.size() != 1)
		return std::nullopt;
	return modules.front();
}

// With the kernel's own compiler: this host's, or the one in the root of the kernel's suite.
CommandOutput make_module(const KernelImage &kernel, const fs::path &build_dir)
{
	unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
	if (std::optional<std::string> root = module_build_root(kernel.headers_dir, kernel.release))
		return make_module_in_root(*root, kernel.headers_dir, build_dir, jobs);
	require_program("gcc");
	return run_command({require_program("make"), "-C", kernel.headers_dir, "M=" + build_dir.string(),
			    fmt::format("-j{}", jobs), "modules"});
}

void run_make(const KernelImage &kernel, const fs::path &build_dir)
{
	CommandOutput make = make_module(kernel, build_dir);
	write_file_atomically((build_dir / build_log).string(), make.output);
	if (make.exit_status != 0)
		throw run_error(fmt::format("building the kmemharness module for {} failed (make exit {}); "
					    "full log: {}\n{}",
					    kernel.release, make.exit_status, (build_dir / build_log).string(),
					    last_lines(make.output, 15)));
}

// Waits for the cache entry's lock; another run building the same module holds it meanwhile.
void lock_entry(FileLock &lock, const std::string &release, Progress &progress)
{
	if (lock.try_lock())
		return;
	progress.note("waiting for " + lock.owner() + ", which is building the module for " + release);
	while (!lock.try_lock()) {
		InterruptWatch::throw_if_signalled();
		std::this_thread::sleep_for(lock_poll_interval);
	}
}

// Builds of this entry that a killed run left (only lock holders build, and we hold it now).
void remove_abandoned_builds(const fs::path &entry)
{
	std::error_code ignored;
	std::string prefix = entry.filename().string() + private_infix;
	for (const fs::directory_entry &other : fs::directory_iterator(entry.parent_path(), ignored))
		if (other.path().filename().string().starts_with(prefix))
			fs::remove_all(other.path(), ignored);
}

// Builds in a private folder and then puts it in the entry's place, so a half-done or failed
// build is never mistaken for the module.
void build_into(const fs::path &entry, const std::string &source_dir, const KernelImage &kernel,
		const std::string &hash)
{
	fs::path build_dir = entry.string() + private_infix + std::to_string(getpid());
	copy_sources(source_dir, build_dir);
	run_make(kernel, build_dir);
	if (!built_module(build_dir))
		throw run_error("make built no single .ko in " + build_dir.string() + " (see " + build_log + ")");
	write_file_atomically((build_dir / hash_file).string(), hash);
	fs::remove_all(entry);
	fs::rename(build_dir, entry);
}

}  // namespace

std::string module_source_hash(const std::string &source_dir, const std::string &headers_dir)
{
	std::string material = "headers " + headers_dir + "\n";
	for (const fs::path &source : module_sources(source_dir))
		material += source.filename().string() + "\n" + read_text_file(source.string()).value_or("") + "\n";
	return sha256_hex(material);
}

std::string build_module(const std::string &source_dir, const KernelImage &kernel, const std::string &cache_dir,
			 const std::string &destination_dir, Progress &progress)
{
	check_sources(source_dir);
	fs::path entry = fs::path(cache_dir) / ("kmod-" + kernel.release);
	std::string hash = module_source_hash(source_dir, kernel.headers_dir);
	progress.step("module for " + kernel.release + " (" + entry.string() + ")");
	FileLock lock(entry.string() + ".lock");
	lock_entry(lock, kernel.release, progress);
	lock.write_owner(fmt::format("kmemharness pid {}", getpid()));
	remove_abandoned_builds(entry);
	std::optional<fs::path> module = built_module(entry);
	bool reused = module && read_text_file((entry / hash_file).string()) == hash;
	if (!reused) {
		build_into(entry, source_dir, kernel, hash);
		module = built_module(entry);
	}
	fs::path copy = fs::path(destination_dir) / module->filename();
	fs::copy_file(*module, copy, fs::copy_options::overwrite_existing);
	progress.done((reused ? "sources unchanged, reused " : "built ") + module->filename().string());
	return copy.string();
}

}  // namespace kmh

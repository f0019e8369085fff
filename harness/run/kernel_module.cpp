// finit_module/delete_module for the workloads module, and reading its worker pids.
#include "run/kernel_module.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <regex>
#include <sstream>

#include "common/error.h"
#include "system/bounded_file.h"
#include "system/errno_error.h"
#include "system/file_io.h"

namespace kmh {

namespace {

// kmemharness.ko is about 1 MiB with debug information.
constexpr InputFileKind module_file_kind{ "kernel module", 64ULL << 20, ExitCode::environment };

}  // namespace

bool kernel_has_module_support()
{
	struct stat info;
	return stat("/proc/modules", &info) == 0;
}

LoadedModule::LoadedModule(const std::string &path)
{
	if (!kernel_has_module_support())
		throw environment_error("this kernel cannot load modules (no /proc/modules), so kernel-module "
					"workloads cannot run on it; boot a kernel that can in a VM: "
					"kmemharness run --kernel IMAGE SCENARIO (`kmemharness list kernels` shows the images)");
	debugfs_ = std::make_unique<DebugfsMount>();
	check_input_file(path, module_file_kind);
	int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		throw errno_error(ExitCode::environment, "cannot open the workloads module " + path);
	long loaded = syscall(SYS_finit_module, fd, "", 0);
	int error = errno;
	close(fd);
	if (loaded != 0 && error == EEXIST)
		throw environment_error(std::string(workloads_module_name) +
					" is already loaded; unload it first (rmmod " + workloads_module_name + ")");
	if (loaded != 0)
		throw errno_error(ExitCode::environment, "cannot load " + path, error);
}

LoadedModule::~LoadedModule()
{
	syscall(SYS_delete_module, workloads_module_name, O_NONBLOCK);
}

std::vector<int> LoadedModule::worker_pids() const
{
	std::string path = std::string(workloads_debugfs_dir) + "/workers";
	std::optional<std::string> text = read_text_file(path);
	if (!text)
		throw run_error("cannot read " + path + ": is the module the one this harness was built with?");
	static const std::regex pid_field("pid=([0-9]+)");
	std::vector<int> pids;
	for (std::sregex_iterator it(text->begin(), text->end(), pid_field), end; it != end; ++it)
		pids.push_back(std::stoi((*it)[1]));
	return pids;
}

}  // namespace kmh

// Building the module inside the root of a kernel's own suite: its compiler, its paths as installed there.
#include "vm/root_make.h"

#include <unistd.h>

#include <fstream>
#include <sstream>

#include "common/error.h"
#include "common/external_programs.h"

namespace kmh {

namespace fs = std::filesystem;

namespace {

// $1 root, $2 headers and $3 build folder as the root sees them, $4 jobs, $5 mount, $6 chroot.
constexpr const char *chrooted_make =
	"\"$5\" --rbind /dev \"$1/dev\" && \"$5\" -t proc proc \"$1/proc\" && "
	"exec \"$6\" \"$1\" make -C \"$2\" M=\"$3\" -j\"$4\" modules";

// `unshare --propagation private` remounts / private, which only a mount point can be: in a chroot
// of a plain folder, / is not one.
void require_root_mount_point()
{
	std::ifstream mountinfo("/proc/self/mountinfo");
	std::string line;
	while (std::getline(mountinfo, line)) {
		std::istringstream fields(line);
		std::string id, parent, device, root, point;
		if (fields >> id >> parent >> device >> root >> point && point == "/")
			return;
	}
	throw environment_error(
		"building the module in the root of the kernel's suite needs a mount namespace, and this process's / is "
		"not a mount point (/proc/self/mountinfo lists none at /: a chroot into a plain folder?); bind-mount "
		"that folder onto itself before chrooting into it (mount --bind DIR DIR)");
}

}  // namespace

CommandOutput make_module_in_root(const std::string &root, const std::string &headers_dir, const fs::path &build_dir,
				  unsigned jobs)
{
	require_root_mount_point();
	fs::path inside = fs::path("/tmp") / ("kmh-module-" + std::to_string(getpid()));
	fs::path outside = fs::path(root) / inside.relative_path();
	fs::remove_all(outside);
	fs::copy(build_dir, outside, fs::copy_options::recursive);
	std::string headers_inside = "/" + fs::path(headers_dir).lexically_normal().lexically_relative(root).string();
	CommandOutput make = run_command({require_program("unshare"), "--mount", "--propagation", "private", "--",
					  require_program("sh"), "-c", chrooted_make, "sh", root, headers_inside,
					  inside.string(), std::to_string(jobs), require_program("mount"),
					  require_program("chroot")});
	fs::copy(outside, build_dir, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
	fs::remove_all(outside);
	return make;
}

}  // namespace kmh

// /proc and debugfs snapshots: the table of kinds and reading their files.
#include "collect/proc/proc_snapshot.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#include "collect/proc/buddyinfo_parser.h"
#include "collect/proc/fragmentation_index_parser.h"
#include "collect/proc/meminfo_parser.h"
#include "collect/proc/pagetypeinfo_parser.h"
#include "collect/proc/slabinfo_parser.h"
#include "collect/proc/vmstat_parser.h"
#include "collect/proc/zoneinfo_parser.h"
#include "common/error.h"
#include "common/suggestion.h"

namespace kmh {

namespace {

const char *const every_kernel = "it comes with every kernel built with CONFIG_PROC_FS: is procfs mounted there?";
const char *const extfrag_debugfs = "it exists only on kernels built with CONFIG_DEBUG_FS and CONFIG_COMPACTION, "
				    "in debugfs (the run mounts debugfs at /sys/kernel/debug when it is not mounted), "
				    "readable by root: run kmemharness as root on such a kernel";

std::vector<std::string> kind_names()
{
	std::vector<std::string> names;
	for (const ProcSnapshotKind &kind : proc_snapshot_kinds())
		names.push_back(kind.name);
	return names;
}

Error unreadable_file(const ProcSnapshotKind &kind, const std::string &path, int error)
{
	return environment_error("cannot read " + path + " for the \"" + kind.name + "\" snapshot: " +
				 std::strerror(error) + "; " + kind.requirement + ", or drop \"" + kind.name +
				 "\" from collect.snapshots");
}

// One read loop: procfs files report size 0, so the size cannot be asked beforehand.
std::string read_proc_file(const ProcSnapshotKind &kind, const std::string &path)
{
	int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		throw unreadable_file(kind, path, errno);
	std::string text;
	char buffer[65536];
	for (;;) {
		ssize_t n = ::read(fd, buffer, sizeof(buffer));
		if (n == 0)
			break;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int error = errno;
			::close(fd);
			throw unreadable_file(kind, path, error);
		}
		text.append(buffer, static_cast<std::size_t>(n));
	}
	::close(fd);
	return text;
}

const ProcSnapshotKind &known_kind(const std::string &name)
{
	const ProcSnapshotKind *kind = find_proc_snapshot_kind(name);
	if (!kind)
		throw invalid_input("unknown /proc snapshot '" + name + "'; accepted: " + quoted_list(kind_names()) +
				    did_you_mean(name, kind_names()));
	return *kind;
}

}  // namespace

const std::vector<ProcSnapshotKind> &proc_snapshot_kinds()
{
	static const std::vector<ProcSnapshotKind> kinds = {
		{"pagetypeinfo", "pagetypeinfo",
		 "it comes with every kernel built with CONFIG_PROC_FS and is readable by root only: run kmemharness as root",
		 parse_pagetypeinfo},
		{"buddyinfo", "buddyinfo", every_kernel, parse_buddyinfo},
		{"meminfo", "meminfo", every_kernel, parse_meminfo},
		{"vmstat", "vmstat", every_kernel, parse_vmstat},
		{"slabinfo", "slabinfo",
		 "it exists only on kernels built with CONFIG_SLUB_DEBUG (SLUB) or CONFIG_SLAB and is readable by root "
		 "only: run kmemharness as root on such a kernel",
		 parse_slabinfo},
		{"zoneinfo", "zoneinfo", every_kernel, parse_zoneinfo},
		{"extfrag_index", "extfrag/extfrag_index", extfrag_debugfs, parse_extfrag_index, SnapshotRoot::debugfs},
		{"unusable_index", "extfrag/unusable_index", extfrag_debugfs, parse_unusable_index, SnapshotRoot::debugfs},
	};
	return kinds;
}

const ProcSnapshotKind *find_proc_snapshot_kind(const std::string &name)
{
	for (const ProcSnapshotKind &kind : proc_snapshot_kinds()) {
		if (kind.name == name)
			return &kind;
	}
	return nullptr;
}

bool needs_debugfs(const std::vector<std::string> &kinds)
{
	return std::any_of(kinds.begin(), kinds.end(), [](const std::string &name) {
		const ProcSnapshotKind *kind = find_proc_snapshot_kind(name);
		return kind && kind->root == SnapshotRoot::debugfs;
	});
}

std::vector<Metric> take_proc_snapshot(const std::vector<std::string> &kinds, const SnapshotRoots &roots)
{
	std::vector<Metric> metrics;
	for (const std::string &name : kinds) {
		const ProcSnapshotKind &kind = known_kind(name);
		const std::string &root = kind.root == SnapshotRoot::debugfs ? roots.debugfs : roots.proc;
		std::string path = root + "/" + kind.file;
		std::vector<Metric> parsed = kind.parse(read_proc_file(kind, path), path);
		metrics.insert(metrics.end(), parsed.begin(), parsed.end());
	}
	return metrics;
}

}  // namespace kmh

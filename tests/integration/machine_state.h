// What the lifecycle tests watch on the host: the sysctl the pcp scenarios set, and runs in progress.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

#include "harness_process.h"

namespace kmh::integration {

inline constexpr const char *pcp_sysctl_file = "/proc/sys/vm/percpu_pagelist_high_fraction";
inline constexpr const char *sysctl_journal_file = "/run/kmemharness/sysctls.json";

// The file's first line, "" when it cannot be read.
std::string read_first_line(const std::string &path);
// Writes `text` into a /proc/sys file; false when it cannot.
bool write_proc_file(const std::string &path, const std::string &text);

// Pumps the child's output until `path` reads `value` or `limit` passes; true when it did.
bool wait_for_file_value(ChildProcess &child, const std::string &path, const std::string &value,
			 std::chrono::milliseconds limit);

struct RunningProcess {
	pid_t pid = 0;
	std::vector<std::string> argv;
};

// The live processes (zombies have no command line) with an argument containing `text`.
std::vector<RunningProcess> processes_mentioning(const std::string &text);

// Puts the pcp sysctl back to the value it had when the fixture was made, whatever a test did.
class PcpSysctlRestorer {
public:
	PcpSysctlRestorer() : original_(read_first_line(pcp_sysctl_file)) {}
	~PcpSysctlRestorer() { write_proc_file(pcp_sysctl_file, original_); }
	PcpSysctlRestorer(const PcpSysctlRestorer &) = delete;
	PcpSysctlRestorer &operator=(const PcpSysctlRestorer &) = delete;
	const std::string &original() const { return original_; }

private:
	std::string original_;
};

}  // namespace kmh::integration

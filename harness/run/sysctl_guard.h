// Sets a scenario's sysctls for the run and puts the old values back, on every path out, or on the next run's start.
#pragma once

#include <string>
#include <vector>

#include "report/run_result.h"
#include "run/sysctl_journal.h"
#include "scenario/scenario.h"

namespace kmh {

// Use with the machine's run lock held (machine_lock.h): the journal is one per machine.
class SysctlGuard {
public:
	explicit SysctlGuard(std::string journal = sysctl_journal_path()) : journal_(std::move(journal)) {}
	// Restores every value this guard changed, in reverse order, and then removes the journal;
	// a value it cannot restore is reported on stderr and stays in the journal. Never throws.
	~SysctlGuard();
	SysctlGuard(const SysctlGuard &) = delete;
	SysctlGuard &operator=(const SysctlGuard &) = delete;

	// Journals each original value before it writes the new one, so a run killed at any point
	// leaves what the next run needs to restore. Throws environment_error naming the sysctl
	// when it does not exist or cannot be written, or when the journal cannot be written.
	void apply(const std::vector<SysctlSetting> &settings);
	const std::vector<SysctlChange> &changes() const { return changes_; }

private:
	std::string journal_;
	std::vector<SysctlChange> changes_;
};

// Undoes what a killed run left in the journal, newest change first, and removes the journal.
// Returns the changes undone. Throws environment_error naming the sysctl it cannot restore (the
// journal then stays): the machine is not as it was, and measuring on it would be wrong.
std::vector<SysctlChange> restore_journaled_sysctls(const std::string &journal = sysctl_journal_path());

// /proc/sys/vm/percpu_pagelist_high_fraction for "vm.percpu_pagelist_high_fraction".
std::string sysctl_path(const std::string &name);

}  // namespace kmh

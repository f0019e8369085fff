// Sets a scenario's sysctls for the run and puts the old values back, on every path out.
#pragma once

#include <string>
#include <vector>

#include "report/run_result.h"
#include "scenario/scenario.h"

namespace kmh {

class SysctlGuard {
public:
	SysctlGuard() = default;
	// Restores every value this guard changed, in reverse order; never throws.
	~SysctlGuard();
	SysctlGuard(const SysctlGuard &) = delete;
	SysctlGuard &operator=(const SysctlGuard &) = delete;

	// Throws environment_error naming the sysctl when it does not exist or cannot be written.
	void apply(const std::vector<SysctlSetting> &settings);
	const std::vector<SysctlChange> &changes() const { return changes_; }

private:
	std::vector<SysctlChange> changes_;
};

// /proc/sys/vm/percpu_pagelist_high_fraction for "vm.percpu_pagelist_high_fraction".
std::string sysctl_path(const std::string &name);

}  // namespace kmh

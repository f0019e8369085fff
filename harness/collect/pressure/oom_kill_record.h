// One OOM kill as result.json records it: the BPF record, named, with the load average read on arrival.
#pragma once

#include <linux/types.h>

#include <array>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "oom.h"

namespace kmh {

// The 1, 5 and 15 minute load averages of /proc/loadavg; nullopt when the text is not one.
std::optional<std::array<double, 3>> parse_loadavg(const std::string &text);

// enum oom_constraint from BTF, "CONSTRAINT_MEMORY_POLICY" as "memory_policy".
std::map<int, std::string> oom_constraint_names(const std::map<std::string, long long> &enumerators);

// The constraint's name, "unknown" for KMH_OOM_UNKNOWN, "constraint_<n>" for a value BTF did not name.
std::string constraint_name(const std::map<int, std::string> &names, int constraint);

struct KillArrival {
	std::optional<std::array<double, 3>> loadavg;  // read when the record reached user space
	double delay_ms = 0;                           // from the kill to that read
};

nlohmann::json kill_record_json(const oom_kill_event &event, const std::map<int, std::string> &constraints,
				const KillArrival &arrival);

}  // namespace kmh

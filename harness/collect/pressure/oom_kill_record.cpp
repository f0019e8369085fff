// Naming an OOM kill's fields and units for result.json.
#include "collect/pressure/oom_kill_record.h"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "collect/pressure/process_stats_metrics.h"
#include "kmh_common.h"
#include "metrics/catalog.h"

namespace kmh {

namespace {

const char *memory_source_name(std::uint32_t source)
{
	switch (source) {
	case OOM_MEMORY_TRACEPOINT:
		return "mark_victim tracepoint";
	case OOM_MEMORY_TASK:
		return "the victim's mm";
	default:
		return "unknown";
	}
}

nlohmann::json memcg_json(int memcg)
{
	return memcg == KMH_OOM_UNKNOWN ? nlohmann::json(nullptr) : nlohmann::json(memcg != 0);
}

}  // namespace

std::optional<std::array<double, 3>> parse_loadavg(const std::string &text)
{
	std::istringstream fields(text);
	std::array<double, 3> loads{};
	if (!(fields >> loads[0] >> loads[1] >> loads[2]))
		return std::nullopt;
	return loads;
}

std::map<int, std::string> oom_constraint_names(const std::map<std::string, long long> &enumerators)
{
	std::map<int, std::string> names;
	for (auto [enumerator, value] : enumerators) {
		std::string name = enumerator.rfind("CONSTRAINT_", 0) == 0 ? enumerator.substr(11) : enumerator;
		std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
		names[static_cast<int>(value)] = name;
	}
	return names;
}

std::string constraint_name(const std::map<int, std::string> &names, int constraint)
{
	if (constraint == KMH_OOM_UNKNOWN)
		return "unknown";
	auto found = names.find(constraint);
	return found == names.end() ? "constraint_" + std::to_string(constraint) : found->second;
}

nlohmann::json kill_record_json(const oom_kill_event &event, const std::map<int, std::string> &constraints,
				const KillArrival &arrival)
{
	return {
		{"victim_pid", event.victim_pid},
		{"victim_comm", comm_text(event.victim_comm)},
		{"killer_pid", event.killer_pid},
		{"killer_comm", comm_text(event.killer_comm)},
		{"constraint", constraint_name(constraints, event.constraint)},
		{"memcg", memcg_json(event.memcg)},
		{"order", event.order == KMH_OOM_UNKNOWN ? nlohmann::json(nullptr) : nlohmann::json(event.order)},
		{"scope", event.scope == KMH_SCOPE_WORKLOAD ? scope_workload : scope_system},
		{"total_vm_kb", event.total_vm_kb},
		{"anon_rss_kb", event.anon_rss_kb},
		{"file_rss_kb", event.file_rss_kb},
		{"shmem_rss_kb", event.shmem_rss_kb},
		{"memory_source", memory_source_name(event.memory_source)},
		{"loadavg", arrival.loadavg ? nlohmann::json(*arrival.loadavg) : nlohmann::json(nullptr)},
		{"loadavg_source", "/proc/loadavg, read when the kill record reached user space"},
		{"loadavg_delay_ms", arrival.delay_ms},
	};
}

}  // namespace kmh

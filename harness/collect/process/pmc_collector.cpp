// The pmc collector: hardware counters (cycles, instructions, cache misses, L1D loads/stores) per workload via perf_event_open.
#include <linux/perf_event.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>

#include <fmt/format.h>

#include "collect/bpf_collector.h"
#include "collect/kernel_facts.h"
#include "common/error.h"

namespace kmh {

namespace {

const char *const event_sources = "/sys/bus/event_source/devices";

struct HardwareEvent {
	const char *name;
	std::uint32_t type;
	std::uint64_t config;
	bool required;  // the collector refuses to run without it; the others are counted where the PMU has them
};

constexpr std::uint64_t cache_event(std::uint64_t cache, std::uint64_t op, std::uint64_t result)
{
	return cache | (op << 8) | (result << 16);
}

const HardwareEvent hardware_events[] = {
	{"cycles", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES, true},
	{"instructions", PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS, true},
	{"cache_misses", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CACHE_MISSES, false},
	{"l1d_loads", PERF_TYPE_HW_CACHE,
	 cache_event(PERF_COUNT_HW_CACHE_L1D, PERF_COUNT_HW_CACHE_OP_READ, PERF_COUNT_HW_CACHE_RESULT_ACCESS), false},
	{"l1d_stores", PERF_TYPE_HW_CACHE,
	 cache_event(PERF_COUNT_HW_CACHE_L1D, PERF_COUNT_HW_CACHE_OP_WRITE, PERF_COUNT_HW_CACHE_RESULT_ACCESS), false},
};

// One counter of one workload process, inherited by the threads and children it starts.
struct Counter {
	std::string workload;
	const HardwareEvent *event;
	int fd;
};

struct Reading {
	std::uint64_t value, time_enabled, time_running;
};

int open_counter(const HardwareEvent &event, int pid)
{
	perf_event_attr attr{};
	attr.size = sizeof(attr);
	attr.type = event.type;
	attr.config = event.config;
	attr.disabled = 1;
	attr.inherit = 1;
	attr.exclude_hv = 1;
	attr.read_format = PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_TOTAL_TIME_RUNNING;
	return static_cast<int>(syscall(SYS_perf_event_open, &attr, pid, -1, -1, PERF_FLAG_FD_CLOEXEC));
}

std::string event_source_list()
{
	std::string names;
	std::error_code error;
	for (const auto &entry : std::filesystem::directory_iterator(event_sources, error))
		names += (names.empty() ? "" : ", ") + entry.path().filename().string();
	return names.empty() ? "nothing" : names;
}

class PmcCollector : public BpfCollector {
public:
	~PmcCollector() override
	{
		for (const Counter &counter : counters_)
			close(counter.fd);
	}

	std::string name() const override { return "pmc"; }

	void start(const CollectorSettings &settings) override
	{
		for (std::size_t i = 0; i < settings.workload_processes.size(); i++)
			open_counters(settings.workload_processes[i], settings.workload_process_names.at(i));
		for (const Counter &counter : counters_)
			ioctl(counter.fd, PERF_EVENT_IOC_ENABLE, 0);
	}

	void stop() override
	{
		for (const Counter &counter : counters_)
			ioctl(counter.fd, PERF_EVENT_IOC_DISABLE, 0);
	}

	std::vector<Metric> read() const override
	{
		std::vector<Metric> metrics;
		for (const Counter &counter : counters_) {
			Reading reading{};
			if (::read(counter.fd, &reading, sizeof(reading)) != sizeof(reading))
				throw run_error(fmt::format("collector pmc: cannot read the {} counter of workload {}: {}",
							    counter.event->name, counter.workload, std::strerror(errno)));
			Labels labels = {{"workload", counter.workload}, {"event", counter.event->name}};
			metrics.push_back({"pmc.events", labels, scaled(reading)});
			metrics.push_back({"pmc.running_fraction", labels, running_fraction(reading)});
		}
		return metrics;
	}

	CollectorInfo info() const override
	{
		std::vector<std::string> events;
		for (const Counter &counter : counters_)
			if (std::find(events.begin(), events.end(), counter.event->name) == events.end())
				events.push_back(counter.event->name);
		return {"pmc", "perf_event", events, unavailable_.empty() ? "" : "not on this PMU: " + unavailable_};
	}

private:
	// Multiplexed counters ran part of the time; their count is scaled up to the whole, as perf stat does.
	static double scaled(const Reading &reading)
	{
		if (reading.time_running == 0)
			return 0;
		return double(reading.value) * double(reading.time_enabled) / double(reading.time_running);
	}

	static double running_fraction(const Reading &reading)
	{
		return reading.time_enabled == 0 ? 1.0 : double(reading.time_running) / double(reading.time_enabled);
	}

	void open_counters(int pid, const std::string &workload)
	{
		std::string missing;
		for (const HardwareEvent &event : hardware_events) {
			int fd = open_counter(event, pid);
			if (fd >= 0) {
				counters_.push_back({workload, &event, fd});
				continue;
			}
			std::string why = fmt::format("{} ({})", event.name, std::strerror(errno));
			if (event.required)
				missing += (missing.empty() ? "" : ", ") + why;
			else if (unavailable_.find(event.name) == std::string::npos)
				unavailable_ += (unavailable_.empty() ? "" : ", ") + why;
		}
		if (!missing.empty())
			throw no_pmu(missing);
	}

	Error no_pmu(const std::string &missing) const
	{
		std::string pmu = std::filesystem::exists(std::string(event_sources) + "/cpu")
					  ? "the cpu PMU refused them"
					  : fmt::format("{} has no cpu PMU (it has {}): no hardware PMU is exposed here, as "
							"under TCG or in a VM without PMU passthrough",
							event_sources, event_source_list());
		std::string optional = unavailable_.empty() ? "" : "; not counted either: " + unavailable_;
		return environment_error(fmt::format("collector pmc: cannot count the hardware events {}: {}{}", missing,
						     pmu, optional));
	}

	std::vector<Counter> counters_;
	std::string unavailable_;  // optional events this PMU does not count, and why
};

}  // namespace

std::unique_ptr<BpfCollector> make_pmc_collector(const KernelFacts &)
{
	return std::make_unique<PmcCollector>();
}

}  // namespace kmh

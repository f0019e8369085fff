// Thread pinning through pthread_setaffinity_np, checked against sysfs's present and online CPUs.
#include "workloads/cpu_affinity.h"

#include <sched.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "common/error.h"

namespace kmh {

namespace {

const char *const present_cpus_file = "/sys/devices/system/cpu/present";
const char *const online_cpus_file = "/sys/devices/system/cpu/online";

// The kernel's cpu list format: "0-3,5,7-8".
std::vector<int> parse_cpu_list(const std::string &text)
{
	std::vector<int> cpus;
	std::stringstream ranges(text);
	std::string range;
	while (std::getline(ranges, range, ',')) {
		if (range.empty())
			continue;
		std::size_t dash = range.find('-');
		int first = std::stoi(range.substr(0, dash));
		int last = dash == std::string::npos ? first : std::stoi(range.substr(dash + 1));
		for (int cpu = first; cpu <= last; cpu++)
			cpus.push_back(cpu);
	}
	return cpus;
}

std::string read_cpu_list_text(const char *path)
{
	std::ifstream file(path);
	std::string text;
	if (!file || !std::getline(file, text))
		throw environment_error(fmt::format("cannot read {}: the CPU topology is unknown", path));
	return text;
}

bool contains(const std::vector<int> &cpus, int cpu)
{
	return std::find(cpus.begin(), cpus.end(), cpu) != cpus.end();
}

void set_affinity(pthread_t thread, const std::vector<int> &cpus)
{
	require_online_cpus(cpus);
	cpu_set_t set;
	CPU_ZERO(&set);
	for (int cpu : cpus)
		CPU_SET(cpu, &set);
	int err = pthread_setaffinity_np(thread, sizeof(set), &set);
	if (err != 0)
		throw environment_error(fmt::format("cannot pin a thread to CPU(s) {}: {} (is it outside this process's cpuset?)",
						    fmt::join(cpus, ","), std::strerror(err)));
}

}  // namespace

void require_online_cpu(int cpu)
{
	std::string present = read_cpu_list_text(present_cpus_file);
	if (cpu < 0 || !contains(parse_cpu_list(present), cpu))
		throw environment_error(fmt::format("CPU {} does not exist on this machine (CPUs present: {})", cpu, present));
	std::string online = read_cpu_list_text(online_cpus_file);
	if (!contains(parse_cpu_list(online), cpu))
		throw environment_error(fmt::format("CPU {} is offline (CPUs online: {}); bring it up with "
						    "`echo 1 > /sys/devices/system/cpu/cpu{}/online`", cpu, online, cpu));
	if (cpu >= CPU_SETSIZE)
		throw environment_error(fmt::format("CPU {} is beyond the {} CPUs a thread can be pinned to here", cpu, CPU_SETSIZE));
}

void require_online_cpus(const std::vector<int> &cpus)
{
	for (int cpu : cpus)
		require_online_cpu(cpu);
}

void pin_thread_to_cpu(pthread_t thread, int cpu)
{
	set_affinity(thread, {cpu});
}

void pin_current_thread_to_cpu(int cpu)
{
	pin_thread_to_cpu(pthread_self(), cpu);
}

void restrict_current_thread_to_cpus(const std::vector<int> &cpus)
{
	if (!cpus.empty())
		set_affinity(pthread_self(), cpus);
}

}  // namespace kmh

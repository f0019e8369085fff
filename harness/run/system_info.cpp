// uname, /proc/cmdline, /proc/cpuinfo and /proc/meminfo, read once per run.
#include "run/system_info.h"

#include <sys/utsname.h>
#include <unistd.h>

#include <sstream>

#include "system/file_io.h"
#include "system/meminfo.h"

namespace kmh {

namespace {

std::string first_value(const std::string &text, const std::string &key)
{
	std::istringstream lines(text);
	std::string line;
	while (std::getline(lines, line)) {
		if (line.rfind(key, 0) != 0)
			continue;
		std::size_t colon = line.find(':');
		std::size_t start = line.find_first_not_of(" \t", colon + 1);
		return start == std::string::npos ? "" : line.substr(start);
	}
	return "";
}

std::string trimmed(std::string text)
{
	while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
		text.pop_back();
	return text;
}

}  // namespace

SystemInfo read_system_info()
{
	SystemInfo info;
	utsname names{};
	if (uname(&names) == 0) {
		info.kernel_release = names.release;
		info.kernel_version = names.version;
		info.machine = names.machine;
		info.hostname = names.nodename;
	}
	info.cmdline = trimmed(read_text_file("/proc/cmdline").value_or(""));
	info.cpu_count = static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN));
	info.cpu_model = first_value(read_text_file("/proc/cpuinfo").value_or(""), "model name");
	info.mem_total_bytes = static_cast<std::uint64_t>(meminfo_value(read_meminfo(), "MemTotal").value_or(0));
	return info;
}

}  // namespace kmh

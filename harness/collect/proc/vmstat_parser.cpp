// Parser of /proc/vmstat (layout of mm/vmstat.c: vmstat_show).
#include "collect/proc/vmstat_parser.h"

#include "system/proc_text.h"

namespace kmh {

std::vector<Metric> parse_vmstat(const std::string &text, const std::string &source)
{
	std::vector<Metric> metrics;
	for (const ProcLine &line : split_proc_lines(text, source)) {
		std::vector<std::string_view> f = split_fields(line.text);
		if (f.empty())
			continue;
		if (f.size() != 2)
			throw malformed_proc_line(line, "\"<counter name> <value>\"");
		metrics.push_back({"vmstat." + std::string(f[0]), {}, parse_proc_count(f[1], line)});
	}
	return metrics;
}

}  // namespace kmh

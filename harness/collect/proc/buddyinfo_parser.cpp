// Parser of /proc/buddyinfo (layout of mm/vmstat.c: frag_show_print).
#include "collect/proc/buddyinfo_parser.h"

#include "system/proc_text.h"

namespace kmh {

namespace {

// "Node 0, zone   Normal    960    574    788 ..."
void read_zone_row(std::vector<Metric> &metrics, const ProcLine &line)
{
	std::vector<std::string_view> f = split_fields(line.text, " \t,");
	if (f.size() < 5 || f[0] != "Node" || f[2] != "zone")
		throw malformed_proc_line(line, "\"Node <n>, zone <zone>\" followed by one free count per order");
	parse_proc_count(f[1], line);
	Labels labels = {{"node", std::string(f[1])}, {"zone", std::string(f[3])}};
	for (std::size_t order = 0; order + 4 < f.size(); order++) {
		labels["order"] = std::to_string(order);
		metrics.push_back({"buddyinfo.free", labels, parse_proc_count(f[4 + order], line)});
	}
}

}  // namespace

std::vector<Metric> parse_buddyinfo(const std::string &text, const std::string &source)
{
	std::vector<Metric> metrics;
	for (const ProcLine &line : split_proc_lines(text, source)) {
		if (!split_fields(line.text).empty())
			read_zone_row(metrics, line);
	}
	return metrics;
}

}  // namespace kmh

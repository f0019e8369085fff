// /proc/meminfo's fields as snapshot metrics.
#include "collect/proc/meminfo_parser.h"

#include "system/meminfo.h"

namespace kmh {

namespace {

// "Active(anon)" -> "Active_anon"
std::string metric_field_name(std::string_view field)
{
	std::string name;
	for (char c : field) {
		if (c == '(')
			name += '_';
		else if (c != ')')
			name += c;
	}
	return name;
}

}  // namespace

std::vector<Metric> parse_meminfo(const std::string &text, const std::string &source)
{
	std::vector<Metric> metrics;
	for (const MeminfoField &field : parse_meminfo_fields(text, source))
		metrics.push_back({"meminfo." + metric_field_name(field.name), {}, field.value});
	return metrics;
}

}  // namespace kmh

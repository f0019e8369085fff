// Parser of /proc/meminfo (layout of fs/proc/meminfo.c).
#include "collect/meminfo_parser.h"

#include "system/proc_text.h"

namespace kmh {

namespace {

const std::string field_line_shape = "\"<Field>: <value>\" or \"<Field>: <value> kB\"";

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

Metric read_field_line(const ProcLine &line)
{
	std::vector<std::string_view> f = split_fields(line.text);
	bool in_kb = f.size() == 3 && f[2] == "kB";
	if ((f.size() != 2 && !in_kb) || f[0].size() < 2 || !f[0].ends_with(':'))
		throw malformed_proc_line(line, field_line_shape);
	std::string_view field = f[0].substr(0, f[0].size() - 1);
	double value = parse_proc_count(f[1], line);
	return {"meminfo." + metric_field_name(field), {}, in_kb ? value * 1024 : value};
}

}  // namespace

std::vector<Metric> parse_meminfo(const std::string &text, const std::string &source)
{
	std::vector<Metric> metrics;
	for (const ProcLine &line : split_proc_lines(text, source)) {
		if (!split_fields(line.text).empty())
			metrics.push_back(read_field_line(line));
	}
	return metrics;
}

}  // namespace kmh

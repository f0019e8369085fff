// Parser of debugfs extfrag/extfrag_index and extfrag/unusable_index (layout of mm/vmstat.c:
// extfrag_show_print and unusable_show_print, "%d.%03d" of an index in thousandths).
#include "collect/proc/fragmentation_index_parser.h"

#include <algorithm>
#include <cctype>

#include "system/proc_text.h"

namespace kmh {

namespace {

bool all_digits(std::string_view text)
{
	return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

// "0.998", "1.000", "-1.000": the kernel's thousandths, divided by 1000. (k / 1000.0) * 1000 is
// exactly k for every k the kernel prints, so an assertion's "* 1000" gets the kernel's integer.
double parse_thousandths(std::string_view field, const ProcLine &line)
{
	bool negative = field.starts_with('-');
	std::string_view digits = field.substr(negative ? 1 : 0);
	std::size_t dot = digits.find('.');
	std::string_view whole = digits.substr(0, dot);
	std::string_view fraction = dot == std::string_view::npos ? std::string_view() : digits.substr(dot + 1);
	if (!all_digits(whole) || whole.size() > 4 || fraction.size() != 3 || !all_digits(fraction))
		throw malformed_proc_line(line, "an index printed as <integer>.<three digits> where \"" +
							std::string(field) + "\" stands");
	double thousandths = parse_proc_count(whole, line) * 1000 + parse_proc_count(fraction, line);
	return (negative ? -thousandths : thousandths) / 1000.0;
}

// "Node 0, zone   Normal -1.000 0.998 ..."
void read_zone_row(std::vector<Metric> &metrics, const std::string &name, const ProcLine &line)
{
	std::vector<std::string_view> f = split_fields(line.text, " \t,");
	if (f.size() < 5 || f[0] != "Node" || f[2] != "zone")
		throw malformed_proc_line(line, "\"Node <n>, zone <zone>\" followed by one index per order");
	parse_proc_count(f[1], line);
	Labels labels = {{"node", std::string(f[1])}, {"zone", std::string(f[3])}};
	for (std::size_t order = 0; order + 4 < f.size(); order++) {
		labels["order"] = std::to_string(order);
		metrics.push_back({name, labels, parse_thousandths(f[4 + order], line)});
	}
}

std::vector<Metric> parse_index_file(const std::string &text, const std::string &name, const std::string &source)
{
	std::vector<Metric> metrics;
	for (const ProcLine &line : split_proc_lines(text, source)) {
		if (!split_fields(line.text).empty())
			read_zone_row(metrics, name, line);
	}
	return metrics;
}

}  // namespace

std::vector<Metric> parse_extfrag_index(const std::string &text, const std::string &source)
{
	return parse_index_file(text, "extfrag_index", source);
}

std::vector<Metric> parse_unusable_index(const std::string &text, const std::string &source)
{
	return parse_index_file(text, "unusable_index", source);
}

}  // namespace kmh

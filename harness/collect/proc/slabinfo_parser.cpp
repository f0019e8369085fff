// Parser of /proc/slabinfo version 2.1 (layout of mm/slab_common.c: cache_show).
#include "collect/proc/slabinfo_parser.h"

#include "system/proc_text.h"

namespace kmh {

namespace {

const std::string version_line = "slabinfo - version: 2.1";

// name active_objs num_objs objsize objperslab pagesperslab : tunables limit batchcount
// sharedfactor : slabdata active_slabs num_slabs sharedavail
constexpr std::size_t name_field = 0;
constexpr std::size_t active_objs_field = 1;
constexpr std::size_t num_objs_field = 2;
constexpr std::size_t pagesperslab_field = 5;
constexpr std::size_t num_slabs_field = 14;
constexpr std::size_t cache_field_count = 16;

bool has_cache_row_shape(const std::vector<std::string_view> &f)
{
	return f.size() == cache_field_count && f[6] == ":" && f[7] == "tunables" && f[11] == ":" && f[12] == "slabdata";
}

void read_cache_row(std::vector<Metric> &metrics, const ProcLine &line)
{
	std::vector<std::string_view> f = split_fields(line.text);
	if (!has_cache_row_shape(f))
		throw malformed_proc_line(line, "\"<name> <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : "
						"tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> "
						"<num_slabs> <sharedavail>\"");
	Labels labels = {{"cache", std::string(f[name_field])}};
	double pages = parse_proc_count(f[num_slabs_field], line) * parse_proc_count(f[pagesperslab_field], line);
	metrics.push_back({"slabinfo.active_objs", labels, parse_proc_count(f[active_objs_field], line)});
	metrics.push_back({"slabinfo.num_objs", labels, parse_proc_count(f[num_objs_field], line)});
	metrics.push_back({"slabinfo.pages", labels, pages});
}

}  // namespace

std::vector<Metric> parse_slabinfo(const std::string &text, const std::string &source)
{
	std::vector<ProcLine> lines = split_proc_lines(text, source);
	if (lines.empty())
		throw run_error(source + " is empty; expected the slabinfo 2.1 layout");
	if (lines[0].text != version_line)
		throw malformed_proc_line(lines[0], "\"" + version_line + "\" (no other slabinfo version is read)");
	std::vector<Metric> metrics;
	for (std::size_t i = 1; i < lines.size(); i++) {
		if (!lines[i].text.starts_with('#') && !split_fields(lines[i].text).empty())
			read_cache_row(metrics, lines[i]);
	}
	return metrics;
}

}  // namespace kmh

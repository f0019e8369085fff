// Parser of /proc/pagetypeinfo (layout of mm/vmstat.c: pagetypeinfo_showfree, _showblockcount).
#include "collect/proc/pagetypeinfo_parser.h"

#include <algorithm>
#include <cctype>

#include "system/proc_text.h"

namespace kmh {

namespace {

const std::string free_header = "Free pages count per migrate type at order";
const std::string blocks_header = "Number of blocks type";
// Printed only with CONFIG_PAGE_OWNER and page_owner=on; not a metric.
const std::string mixed_blocks_header = "Number of mixed blocks";

const std::string free_row_shape = "\"Node <n>, zone <zone>, type <migratetype>\" and one count per order of the header";
const std::string blocks_row_shape = "\"Node <n>, zone <zone>\" and one count per migratetype of the header";

enum class Block { none, free, pageblocks, mixed };

struct PagetypeinfoReader {
	Block block = Block::none;
	std::vector<std::string> orders;
	std::vector<std::string> migratetypes;
	std::vector<Metric> metrics;
};

std::string migratetype_label(std::string_view kernel_name)
{
	std::string label(kernel_name);
	std::transform(label.begin(), label.end(), label.begin(), [](unsigned char c) { return std::toupper(c); });
	return label;
}

std::vector<std::string> header_columns(const ProcLine &line, const std::string &header)
{
	std::vector<std::string> columns;
	for (std::string_view field : split_fields(line.text.substr(header.size())))
		columns.emplace_back(field);
	if (columns.empty())
		throw malformed_proc_line(line, "\"" + header + "\" followed by its column names");
	return columns;
}

double parse_free_count(std::string_view field, const ProcLine &line)
{
	if (field.starts_with('>'))
		field.remove_prefix(1);
	return parse_proc_count(field, line);
}

// "Node    0, zone   Normal, type    Unmovable    184      9 ..."
void read_free_row(PagetypeinfoReader &reader, const ProcLine &line)
{
	std::vector<std::string_view> f = split_fields(line.text, " \t,");
	if (f.size() != 6 + reader.orders.size() || f[0] != "Node" || f[2] != "zone" || f[4] != "type")
		throw malformed_proc_line(line, free_row_shape);
	parse_proc_count(f[1], line);
	Labels labels = {{"node", std::string(f[1])}, {"zone", std::string(f[3])}, {"migratetype", migratetype_label(f[5])}};
	for (std::size_t i = 0; i < reader.orders.size(); i++) {
		labels["order"] = reader.orders[i];
		reader.metrics.push_back({"pagetypeinfo.free", labels, parse_free_count(f[6 + i], line)});
	}
}

// "Node 0, zone   Normal           48          676 ..."
void read_pageblocks_row(PagetypeinfoReader &reader, const ProcLine &line)
{
	std::vector<std::string_view> f = split_fields(line.text, " \t,");
	if (f.size() != 4 + reader.migratetypes.size() || f[0] != "Node" || f[2] != "zone")
		throw malformed_proc_line(line, blocks_row_shape);
	parse_proc_count(f[1], line);
	for (std::size_t i = 0; i < reader.migratetypes.size(); i++) {
		Labels labels = {{"node", std::string(f[1])}, {"zone", std::string(f[3])}, {"migratetype", reader.migratetypes[i]}};
		reader.metrics.push_back({"pagetypeinfo.pageblocks", labels, parse_proc_count(f[4 + i], line)});
	}
}

void read_node_row(PagetypeinfoReader &reader, const ProcLine &line)
{
	switch (reader.block) {
	case Block::free:
		read_free_row(reader, line);
		break;
	case Block::pageblocks:
		read_pageblocks_row(reader, line);
		break;
	case Block::mixed:
		break;
	case Block::none:
		throw malformed_proc_line(line, "a \"" + free_header + "\" or \"" + blocks_header + "\" header before the first Node row");
	}
}

void read_line(PagetypeinfoReader &reader, const ProcLine &line)
{
	std::string_view text = line.text;
	if (split_fields(text).empty() || text.starts_with("Page block order:") || text.starts_with("Pages per block:"))
		return;
	if (text.starts_with(free_header)) {
		reader.block = Block::free;
		reader.orders = header_columns(line, free_header);
		for (const std::string &order : reader.orders)
			parse_proc_count(order, line);
	} else if (text.starts_with(blocks_header)) {
		reader.block = Block::pageblocks;
		reader.migratetypes.clear();
		for (const std::string &name : header_columns(line, blocks_header))
			reader.migratetypes.push_back(migratetype_label(name));
	} else if (text.starts_with(mixed_blocks_header)) {
		reader.block = Block::mixed;
	} else if (text.starts_with("Node")) {
		read_node_row(reader, line);
	} else {
		throw malformed_proc_line(line, "\"Page block order:\", \"Pages per block:\", a block header (\"" +
						 free_header + "\", \"" + blocks_header + "\", \"" + mixed_blocks_header +
						 "\") or a \"Node\" row");
	}
}

}  // namespace

std::vector<Metric> parse_pagetypeinfo(const std::string &text, const std::string &source)
{
	PagetypeinfoReader reader;
	for (const ProcLine &line : split_proc_lines(text, source))
		read_line(reader, line);
	if (reader.orders.empty() || reader.migratetypes.empty())
		throw run_error(source + " has no \"" + free_header + "\" or no \"" + blocks_header +
				"\" block; is it really /proc/pagetypeinfo?");
	return reader.metrics;
}

}  // namespace kmh

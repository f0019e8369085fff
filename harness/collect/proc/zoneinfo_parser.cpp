// Parser of /proc/zoneinfo's pagesets (layout of mm/vmstat.c: zoneinfo_show_print).
#include "collect/proc/zoneinfo_parser.h"

#include <optional>

#include "system/proc_text.h"

namespace kmh {

namespace {

// One CPU's pageset as read so far.
struct Pageset {
	Labels labels;
	std::optional<double> count, high, batch, high_max;
};

class ZoneinfoReader {
public:
	void read(const ProcLine &line)
	{
		std::vector<std::string_view> f = split_fields(line.text, " \t,:");
		if (f.empty())
			return;
		if (f[0] == "Node")
			start_zone(f, line);
		else if (f[0] == "pagesets")
			in_pagesets_ = true;
		else if (in_pagesets_ && f[0] == "cpu")
			start_cpu(f, line);
		else if (in_pagesets_ && pageset_)
			read_field(f, line);
	}

	std::vector<Metric> finish(const ProcLine *last)
	{
		end_cpu(last);
		return std::move(metrics_);
	}

private:
	// "Node 0, zone   Normal"
	void start_zone(const std::vector<std::string_view> &f, const ProcLine &line)
	{
		if (f.size() != 4 || f[2] != "zone")
			throw malformed_proc_line(line, "\"Node <n>, zone <zone>\"");
		end_cpu(&line);
		parse_proc_count(f[1], line);
		node_ = f[1];
		zone_ = f[3];
		in_pagesets_ = false;
	}

	// "    cpu: 0"
	void start_cpu(const std::vector<std::string_view> &f, const ProcLine &line)
	{
		if (f.size() != 2)
			throw malformed_proc_line(line, "\"cpu: <n>\"");
		end_cpu(&line);
		parse_proc_count(f[1], line);
		pageset_ = Pageset{{{"node", node_}, {"zone", zone_}, {"cpu", std::string(f[1])}}, {}, {}, {}, {}};
	}

	// "              count: 63", "high: 1716", "batch: 63", "high_min: 8", "high_max: 240";
	// "vm stats threshold: 6" and the zone's own lines after the last CPU end the pageset.
	void read_field(const std::vector<std::string_view> &f, const ProcLine &line)
	{
		std::optional<double> *field = f[0] == "count" ? &pageset_->count
					       : f[0] == "high"     ? &pageset_->high
					       : f[0] == "batch"    ? &pageset_->batch
					       : f[0] == "high_max" ? &pageset_->high_max
								    : nullptr;
		if (f[0] == "high_min")
			return;
		if (!field) {
			end_cpu(&line);
			return;
		}
		if (f.size() != 2)
			throw malformed_proc_line(line, "\"" + std::string(f[0]) + ": <pages>\"");
		*field = parse_proc_count(f[1], line);
	}

	void end_cpu(const ProcLine *line)
	{
		if (!pageset_)
			return;
		Pageset p = std::move(*pageset_);
		pageset_.reset();
		if (!p.count || !p.high || !p.batch)
			throw malformed_proc_line(*line, "a pageset with count, high and batch lines after its \"cpu: <n>\"");
		metrics_.push_back({"zoneinfo.pcp.count", p.labels, *p.count});
		metrics_.push_back({"zoneinfo.pcp.high", p.labels, *p.high});
		metrics_.push_back({"zoneinfo.pcp.batch", p.labels, *p.batch});
		metrics_.push_back({"zoneinfo.pcp.high_max", p.labels, p.high_max.value_or(*p.high)});
	}

	std::string node_, zone_;
	bool in_pagesets_ = false;
	std::optional<Pageset> pageset_;
	std::vector<Metric> metrics_;
};

}  // namespace

std::vector<Metric> parse_zoneinfo(const std::string &text, const std::string &source)
{
	ZoneinfoReader reader;
	std::vector<ProcLine> lines = split_proc_lines(text, source);
	for (const ProcLine &line : lines)
		reader.read(line);
	return reader.finish(lines.empty() ? nullptr : &lines.back());
}

}  // namespace kmh

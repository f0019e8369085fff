// Reading perf stat's counts and mapping the collectors' metric families onto tracepoints.
#include "event_counts.h"

#include <sstream>

namespace kmh {

namespace {

// Every metric family that counts one firing of a tracepoint as one event.
const std::map<std::string, std::string> &tracepoint_of_family()
{
	static const std::map<std::string, std::string> families{
		{"page.alloc.events", "mm_page_alloc"},
		{"page.alloc.failures", "mm_page_alloc"},
		{"page.free.events", "mm_page_free"},
		{"page.free_batched.events", "mm_page_free_batched"},
		{"pcp.refill.events", "mm_page_alloc_zone_locked"},
		{"pcp.direct.events", "mm_page_alloc_zone_locked"},
		{"pcp.drain.events", "mm_page_pcpu_drain"},
		{"extfrag.events", "mm_page_alloc_extfrag"},
		{"slab.kmalloc.events", "kmalloc"},
		{"slab.kmalloc.duplicate_events", "kmalloc"},
		{"slab.kfree.events", "kfree"},
		{"slab.cache_alloc.events", "kmem_cache_alloc"},
		{"slab.cache_free.events", "kmem_cache_free"},
	};
	return families;
}

std::vector<std::string> split_csv(const std::string &line)
{
	std::vector<std::string> fields;
	std::istringstream in(line);
	std::string field;
	while (std::getline(in, field, ','))
		fields.push_back(field);
	return fields;
}

bool has_label(const Metric &metric, const std::string &key, const std::string &value)
{
	auto label = metric.labels.find(key);
	return label != metric.labels.end() && label->second == value;
}

}  // namespace

EventCounts parse_perf_stat_csv(const std::string &text)
{
	const std::string prefix = "kmem:";
	EventCounts counts;
	std::istringstream lines(text);
	std::string line;
	while (std::getline(lines, line)) {
		std::vector<std::string> fields = split_csv(line);
		if (fields.size() < 3 || fields[2].rfind(prefix, 0) != 0)
			continue;
		try {
			counts[fields[2].substr(prefix.size())] += std::stod(fields[0]);
		} catch (const std::exception &) {
			counts[fields[2].substr(prefix.size())] += 0;  // "<not counted>"
		}
	}
	return counts;
}

EventCounts collector_event_counts(const std::vector<Metric> &metrics, const std::string &scope,
				   const std::string &context)
{
	EventCounts counts;
	for (const Metric &metric : metrics) {
		auto family = tracepoint_of_family().find(metric.name);
		if (family != tracepoint_of_family().end() && has_label(metric, "scope", scope) &&
		    (context.empty() || has_label(metric, "context", context)))
			counts[family->second] += metric.value;
	}
	return counts;
}

bool counts_tracepoint_events(const std::string &family)
{
	return tracepoint_of_family().count(family) > 0;
}

double total_events(const EventCounts &counts)
{
	double total = 0;
	for (const auto &[tracepoint, events] : counts)
		total += events;
	return total;
}

}  // namespace kmh

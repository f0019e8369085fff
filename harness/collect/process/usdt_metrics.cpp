// The usdt collector's metrics: usdt.probe.hits, usdt.probe.arg_sum, usdt.probe.arg_log2.hits.
#include "collect/process/usdt_metrics.h"

namespace kmh {

namespace {

std::string probe_label(const UsdtProbeSpec &probe)
{
	return probe.provider + ":" + probe.name;
}

Labels probe_labels(const std::string &workload, const UsdtProbeSpec &probe)
{
	return {{"workload", workload}, {"probe", probe_label(probe)}, {"binary", probe.binary}};
}

Labels argument_labels(const std::string &workload, const UsdtProbeSpec &probe)
{
	Labels labels = probe_labels(workload, probe);
	labels["arg"] = std::to_string(probe.arg);
	return labels;
}

struct ProbeTotals {
	std::uint64_t hits = 0;
	std::uint64_t sum = 0;
	std::map<std::uint32_t, std::uint64_t> buckets;  // log2 bucket -> hits
};

using TotalsKey = std::pair<std::string, std::size_t>;  // workload, probe index

std::map<TotalsKey, ProbeTotals> totals_by_probe(const UsdtReadout &readout, const UsdtAttached &attached)
{
	std::map<TotalsKey, ProbeTotals> totals;
	for (const auto &[key, tally] : readout.tallies) {
		auto workload = attached.workload_by_tgid.find(key.tgid);
		if (workload == attached.workload_by_tgid.end())
			continue;
		ProbeTotals &probe = totals[{workload->second, key.probe}];
		probe.hits += tally.hits;
		probe.sum += tally.sum;
		if (key.bucket != KMH_USDT_NO_BUCKET)
			probe.buckets[key.bucket] += tally.hits;
	}
	return totals;
}

void add_probe_metrics(const std::string &workload, const UsdtProbeSpec &probe, const ProbeTotals &totals,
		       std::vector<Metric> &metrics)
{
	metrics.push_back({"usdt.probe.hits", probe_labels(workload, probe), double(totals.hits)});
	if (probe.aggregation == UsdtAggregation::sum)
		metrics.push_back({"usdt.probe.arg_sum", argument_labels(workload, probe), double(totals.sum)});
	for (const auto &[bucket, hits] : totals.buckets) {
		Labels labels = argument_labels(workload, probe);
		labels["le"] = std::to_string(1ULL << bucket);
		metrics.push_back({"usdt.probe.arg_log2.hits", labels, double(hits)});
	}
}

}  // namespace

std::vector<Metric> usdt_metrics(const UsdtReadout &readout, const UsdtAttached &attached,
				 const std::vector<UsdtProbeSpec> &probes)
{
	std::map<TotalsKey, ProbeTotals> totals = totals_by_probe(readout, attached);
	std::vector<Metric> metrics;
	for (const auto &[workload, indexes] : attached.probes_by_workload)
		for (std::size_t index : indexes)
			add_probe_metrics(workload, probes[index], totals[{workload, index}], metrics);
	for (const auto &[index, hits] : readout.unreadable)
		if (index < probes.size())
			metrics.push_back({"usdt.probe.arg_unreadable.hits",
					   {{"probe", probe_label(probes[index])}, {"binary", probes[index].binary}},
					   double(hits)});
	return metrics;
}

}  // namespace kmh

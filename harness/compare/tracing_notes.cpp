// Pointing a comparison at tracing changes: duplicate firings seen on one side and not the other.
#include "compare/tracing_notes.h"

#include <numeric>

#include <fmt/format.h>

#include "compare/compare_report.h"
#include "compare/metric_comparison.h"
#include "metrics/catalog.h"

namespace kmh {

namespace {

struct TracingQuirk {
	const char *calls;
	const char *duplicates;
	const char *tracepoint;
};

const TracingQuirk quirks[] = {
	{"slab.kmalloc.events", "slab.kmalloc.duplicate_events", "kmem:kmalloc"},
};

double system_mean(const RunSet &set, const std::string &name)
{
	std::vector<double> sums = per_run_sums(set, name, {{"scope", scope_system}});
	return sums.empty() ? 0 : std::accumulate(sums.begin(), sums.end(), 0.0) / sums.size();
}

std::string note_text(const TracingQuirk &quirk, const TracingNote &note)
{
	return fmt::format("tracing changed: {} fired a second time for one call {} times per run on the baseline and "
			   "{} on the candidate ({}); {} counts each call once on both sides: {} -> {} per run "
			   "(scope=system)",
			   quirk.tracepoint, value_text(note.baseline_duplicates), value_text(note.candidate_duplicates),
			   quirk.duplicates, quirk.calls, value_text(note.baseline_calls), value_text(note.candidate_calls));
}

}  // namespace

std::vector<TracingNote> tracing_notes(const RunSet &baseline, const RunSet &candidate)
{
	std::vector<TracingNote> notes;
	for (const TracingQuirk &quirk : quirks) {
		TracingNote note{quirk.calls,
				 quirk.duplicates,
				 system_mean(baseline, quirk.duplicates),
				 system_mean(candidate, quirk.duplicates),
				 system_mean(baseline, quirk.calls),
				 system_mean(candidate, quirk.calls),
				 ""};
		if (note.baseline_duplicates == note.candidate_duplicates)
			continue;
		note.text = note_text(quirk, note);
		notes.push_back(note);
	}
	return notes;
}

}  // namespace kmh

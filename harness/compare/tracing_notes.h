// Notes on tracing changes between the two sides: a kernel that fires a tracepoint twice per call.
#pragma once

#include <string>
#include <vector>

#include "compare/run_set.h"

namespace kmh {

// A quirk whose count differs between the sides, with the family that counts the calls.
struct TracingNote {
	std::string calls;       // the family that counts calls, e.g. slab.kmalloc.events
	std::string duplicates;  // the family that counts the extra firings
	double baseline_duplicates = 0;  // mean per run, scope=system
	double candidate_duplicates = 0;
	double baseline_calls = 0;       // mean per run, scope=system
	double candidate_calls = 0;
	std::string text;        // what a reader is told
};

// A note per known tracing quirk whose duplicate count differs between the sides.
std::vector<TracingNote> tracing_notes(const RunSet &baseline, const RunSet &candidate);

}  // namespace kmh

// CI gate rules such as "pcp.drain.events{scope=workload} rises by more than 5% and significant".
#pragma once

#include <string>
#include <vector>

#include "compare/run_set.h"
#include "compare/sample_comparison.h"
#include "metrics/label_matcher.h"

namespace kmh {

enum class GateDirection { rises, falls, changes };

struct GateRule {
	std::string text;    // as written
	std::string origin;  // "--gate" or "scenario [compare]"
	std::string metric;
	std::vector<LabelMatcher> matchers;  // the selector's label terms, as in assertions
	GateDirection direction = GateDirection::rises;
	double threshold_percent = 0;
	bool require_significant = false;
};

// The grammar (docs/compare.md):
//   <metric selector> <rises|falls|changes> by more than <N>%[ and significant]
// The selector is the assertion language's: name{label=value, label!=value, label=~"regex"}.
// Throws kmh::Error (invalid_input) saying what is accepted.
GateRule parse_gate_rule(const std::string &text, const std::string &origin);

// The `gate = [...]` strings of the [compare] table of a scenario's text; none when absent.
// Throws kmh::Error (invalid_input) when the text is not TOML or gate is not a list of strings.
std::vector<std::string> scenario_gate_rules(const std::string &scenario_text);

struct GateOutcome {
	GateRule rule;
	SampleComparison stats;  // per run: the sum of the series the selector picks
	bool failed = false;
	std::string explanation;  // "rose 7.3% (> 5%), p=0.004 (welch)"
};

GateOutcome evaluate_gate(const GateRule &rule, const RunSet &baseline, const RunSet &candidate);

}  // namespace kmh

// CI gate rules such as "pcp.drain.events{scope=workload} rises by more than 5% and decided".
#pragma once

#include <string>
#include <vector>

#include "compare/min_effect.h"
#include "compare/run_set.h"
#include "compare/sample_comparison.h"
#include "metrics/label_matcher.h"

namespace kmh {

enum class GateDirection { rises, falls, changes };
// What the change must also be, besides crossing the threshold: nothing more; significant (q <= alpha,
// or deterministic); decided (the verdict is "changed": significant and at least the minimum effect).
enum class GateCondition { none, significant, decided };

struct GateRule {
	std::string text;    // as written
	std::string origin;  // "--gate" or "scenario [compare]"
	std::string metric;
	std::vector<LabelMatcher> matchers;  // the selector's label terms, as in assertions
	GateDirection direction = GateDirection::rises;
	double threshold_percent = 0;
	GateCondition condition = GateCondition::none;
};

// The grammar (docs/compare.md):
//   <metric selector> <rises|falls|changes> by more than <N>%[ and significant| and decided]
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
	std::string explanation;  // "mean 100 -> 107.3 (+7.30%), threshold 5%, p=0.0079 (exact), q=0.0079, changed"
};

// Every rule checked; the rules are one family of their own for the q-values (each rule is a
// hypothesis named before the runs, unlike the report's search over every series).
std::vector<GateOutcome> evaluate_gates(const std::vector<GateRule> &rules, const RunSet &baseline,
					const RunSet &candidate, const MinEffect &min_effect);

}  // namespace kmh

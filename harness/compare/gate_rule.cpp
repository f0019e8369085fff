// Parsing gate rules (selector from the assertion language) and checking them on two run sets.
#include "compare/gate_rule.h"

#include <cmath>
#include <regex>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "assertions/assertion_parser.h"
#include "common/error.h"

namespace kmh {

namespace {

const char *const accepted_grammar =
	"accepted: <metric selector> <rises|falls|changes> by more than <N>%[ and significant| and decided], "
	"e.g. \"pcp.drain.events{scope=workload} rises by more than 5% and decided\"";

const std::regex rule_pattern(
	R"(^\s*(.*\S)\s+(rises|falls|changes)\s+by\s+more\s+than\s+([0-9]+(?:\.[0-9]+)?)\s*%(?:\s+and\s+(significant|decided))?\s*$)");

// The rule's pattern is matched depth-first (its groups are read back): its stack grows with the
// text, which this bounds.
constexpr std::size_t max_gate_rule_length = 1024;

[[noreturn]] void reject(const std::string &text, const std::string &origin, const std::string &problem)
{
	throw invalid_input(fmt::format("{} rule \"{}\": {}; {}", origin, text, problem, accepted_grammar));
}

GateDirection direction_of(const std::string &word)
{
	if (word == "rises")
		return GateDirection::rises;
	if (word == "falls")
		return GateDirection::falls;
	return GateDirection::changes;
}

void read_selector(GateRule &rule, const std::string &selector)
{
	CompiledAssertion compiled;
	try {
		compiled = compile_assertion(selector + " == 0");
	} catch (const AssertionSyntaxError &error) {
		reject(rule.text, rule.origin, fmt::format("in the metric selector at column {}: {}", error.column(), error.what()));
	}
	const auto *metric = std::get_if<MetricExpr>(&compiled.lhs->node);
	if (!metric || metric->aggregation != Aggregation::sum)
		reject(rule.text, rule.origin, fmt::format("\"{}\" is not a metric selector", selector));
	rule.metric = metric->selector.name;
	for (const LabelTerm &term : metric->selector.terms)
		rule.matchers.push_back(term.matcher);
}

// Whether the change crosses the rule's threshold in the rule's direction.
bool crosses(const GateRule &rule, double percent_change)
{
	switch (rule.direction) {
	case GateDirection::rises:
		return percent_change > rule.threshold_percent;
	case GateDirection::falls:
		return -percent_change > rule.threshold_percent;
	case GateDirection::changes:
		break;
	}
	return std::fabs(percent_change) > rule.threshold_percent;
}

std::vector<double> selector_sums(const GateRule &rule, const RunSet &set)
{
	std::vector<double> sums;
	for (const LoadedRun &run : set.runs)
		sums.push_back(run.result.metrics.sum(rule.metric, rule.matchers));
	return sums;
}

bool meets_condition(const GateOutcome &outcome)
{
	switch (outcome.rule.condition) {
	case GateCondition::significant:
		return outcome.stats.significant;
	case GateCondition::decided:
		return outcome.stats.decision == Decision::changed;
	case GateCondition::none:
		break;
	}
	return true;
}

std::string explanation_of(const GateOutcome &outcome)
{
	const SampleComparison &stats = outcome.stats;
	std::string test = stats.test == TestKind::mann_whitney
				   ? fmt::format("p={:.4g} ({}), q={:.4g}", stats.p_value,
						 p_method_text(stats.test, stats.mann_whitney), stats.q_value)
				   : to_string(stats.test);
	return fmt::format("mean {:.6g} -> {:.6g} ({:+.2f}%), threshold {}%, {}, {} (min effect {}%)", stats.a.mean,
			   stats.b.mean, stats.percent_change, outcome.rule.threshold_percent, test,
			   to_string(stats.verdict), stats.min_effect_percent);
}

}  // namespace

GateRule parse_gate_rule(const std::string &text, const std::string &origin)
{
	if (text.size() > max_gate_rule_length)
		reject(text.substr(0, 64) + "...", origin, fmt::format("is {} characters long; a rule may have at most {}",
								     text.size(), max_gate_rule_length));
	std::smatch match;
	if (!std::regex_match(text, match, rule_pattern))
		reject(text, origin, "not a gate rule");
	GateRule rule;
	rule.text = text;
	rule.origin = origin;
	read_selector(rule, match[1].str());
	rule.direction = direction_of(match[2].str());
	rule.threshold_percent = std::stod(match[3].str());
	rule.condition = !match[4].matched	       ? GateCondition::none
			 : match[4].str() == "decided" ? GateCondition::decided
							 : GateCondition::significant;
	return rule;
}

std::vector<std::string> scenario_gate_rules(const std::string &scenario_text)
{
	toml::table root;
	try {
		root = toml::parse(scenario_text);
	} catch (const toml::parse_error &error) {
		throw invalid_input(fmt::format("the scenario text stored in result.json is not TOML: {}", error.description()));
	}
	const toml::node_view gate = root["compare"]["gate"];
	if (!gate)
		return {};
	const toml::array *list = gate.as_array();
	if (!list)
		throw invalid_input("the scenario's [compare] gate must be a list of strings");
	std::vector<std::string> rules;
	for (const toml::node &item : *list) {
		std::optional<std::string> rule = item.value<std::string>();
		if (!rule)
			throw invalid_input("the scenario's [compare] gate must be a list of strings");
		rules.push_back(*rule);
	}
	return rules;
}

std::vector<GateOutcome> evaluate_gates(const std::vector<GateRule> &rules, const RunSet &baseline,
					const RunSet &candidate, const MinEffect &min_effect)
{
	std::vector<GateOutcome> outcomes;
	std::vector<double> p_values;
	for (const GateRule &rule : rules) {
		outcomes.push_back({rule, compare_samples(rule.metric, selector_sums(rule, baseline), selector_sums(rule, candidate)),
				    false, {}});
		p_values.push_back(outcomes.back().stats.p_value);
	}
	std::vector<double> q_values = benjamini_hochberg(p_values);
	for (std::size_t i = 0; i < outcomes.size(); i++) {
		GateOutcome &outcome = outcomes[i];
		decide(outcome.stats, outcome.rule.metric, q_values[i], {default_alpha, min_effect.for_metric(outcome.rule.metric)});
		outcome.failed = crosses(outcome.rule, outcome.stats.percent_change) && meets_condition(outcome);
		outcome.explanation = explanation_of(outcome);
	}
	return outcomes;
}

}  // namespace kmh

// Validation of [[assert]] expressions against the metric catalog and the scenario's workloads.
#include "assertions/assertion_validator.h"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "assertions/assertion_parser.h"
#include "common/error.h"
#include "metrics/catalog.h"
#include "common/suggestion.h"

namespace kmh {

namespace {

const std::string workload_prefix = "workload.";

const std::vector<std::string> migratetype_names = {"UNMOVABLE", "MOVABLE", "RECLAIMABLE",
						    "HIGHATOMIC", "CMA", "ISOLATE"};
const std::vector<std::string> scope_names = {scope_workload, scope_system};
const std::vector<std::string> quantile_names = {"p50", "p90", "p99"};
const std::vector<std::string> context_names = {"task", "softirq", "hardirq", "nmi"};

struct Problem {
	std::string text;
	int column = 1;
};

bool contains(const std::vector<std::string> &words, const std::string &word)
{
	return std::find(words.begin(), words.end(), word) != words.end();
}

bool starts_with(const std::string &text, const std::string &prefix)
{
	return text.rfind(prefix, 0) == 0;
}

// "; did you mean 'x'?" or "; <intro> 'a', 'b'"
std::string suggestion_or_list(const std::string &word, const std::vector<std::string> &accepted,
			       const std::string &intro)
{
	std::string suggestion = did_you_mean(word, accepted);
	return suggestion.empty() ? "; " + intro + " " + quoted_list(accepted) : suggestion;
}

// The values a BPF collector gives this label, or nullptr when any value may occur.
const std::vector<std::string> *known_values(const MetricFamily &family, const std::string &label)
{
	if (!contains(family.labels, "scope"))
		return nullptr;
	if (label == "scope")
		return &scope_names;
	if (label == "migratetype" || label == "alloc_migratetype" || label == "fallback_migratetype")
		return &migratetype_names;
	if (label == "quantile")
		return &quantile_names;
	if (label == "context")
		return &context_names;
	return nullptr;
}

std::optional<Problem> check_labels(const MetricReference &reference, const std::vector<std::string> &labels)
{
	for (const LabelTerm &term : reference.terms) {
		const std::string &key = term.matcher.key();
		if (contains(labels, key))
			continue;
		if (labels.empty())
			return Problem{"'" + reference.name + "' takes no labels", term.column};
		return Problem{"'" + reference.name + "' has no label '" + key + "'" +
			       suggestion_or_list(key, labels, "its labels are"), term.column};
	}
	return std::nullopt;
}

std::optional<Problem> check_label_values(const MetricReference &reference, const MetricFamily &family)
{
	for (const LabelTerm &term : reference.terms) {
		const LabelMatcher &matcher = term.matcher;
		const std::vector<std::string> *values = known_values(family, matcher.key());
		bool literal = matcher.op() == MatchOp::equal || matcher.op() == MatchOp::not_equal;
		if (!values || !literal || contains(*values, matcher.value()))
			continue;
		return Problem{"'" + matcher.value() + "' is not a value of label '" + matcher.key() + "'" +
			       suggestion_or_list(matcher.value(), *values, "accepted:"), term.column};
	}
	return std::nullopt;
}

class ReferenceChecker {
public:
	ReferenceChecker(const Scenario &scenario, const WorkloadLookup &lookup)
		: scenario_(scenario), lookup_(lookup) {}

	std::optional<Problem> check(const MetricReference &reference) const;

private:
	std::optional<Problem> check_workload_metric(const MetricReference &reference) const;
	std::optional<Problem> check_catalog_metric(const MetricReference &reference) const;
	std::optional<Problem> check_source_collected(const MetricReference &reference,
						      const MetricFamily &family) const;
	Problem unknown_metric(const MetricReference &reference) const;
	const WorkloadSpec *workload_named_in(const std::string &rest) const;
	std::vector<std::string> workload_names() const;
	std::vector<std::string> workload_metric_names() const;

	const Scenario &scenario_;
	const WorkloadLookup &lookup_;
};

std::optional<Problem> ReferenceChecker::check(const MetricReference &reference) const
{
	if (starts_with(reference.name, workload_prefix))
		return check_workload_metric(reference);
	return check_catalog_metric(reference);
}

std::optional<Problem> ReferenceChecker::check_catalog_metric(const MetricReference &reference) const
{
	const MetricFamily *family = find_metric_family(reference.name);
	if (!family)
		return unknown_metric(reference);
	if (is_kernel_keyed_family(*family) && !reference.terms.empty())
		return Problem{"'" + reference.name + "' takes no labels: each " + family->name +
			       " name is a single value", reference.terms.front().column};
	if (auto problem = check_labels(reference, family->labels))
		return problem;
	if (auto problem = check_label_values(reference, *family))
		return problem;
	return check_source_collected(reference, *family);
}

// A family whose collector or snapshot is switched off in [collect] would silently read 0.
std::optional<Problem> ReferenceChecker::check_source_collected(const MetricReference &reference,
								const MetricFamily &family) const
{
	const CollectSpec &collect = scenario_.collect;
	if (family.source == sysctl_source || contains(collect.collectors, family.source) ||
	    contains(collect.snapshots, family.source))
		return std::nullopt;
	return Problem{"'" + reference.name + "' comes from '" + family.source +
			       "', which [collect] does not enable; add it to collectors or snapshots",
		       reference.column};
}

// The [[workload]] whose name `rest` (what follows "workload.") starts with, as "<name>.".
const WorkloadSpec *ReferenceChecker::workload_named_in(const std::string &rest) const
{
	const WorkloadSpec *best = nullptr;
	for (const WorkloadSpec &workload : scenario_.workloads) {
		bool prefix = starts_with(rest, workload.name + ".");
		if (prefix && (!best || workload.name.size() > best->name.size()))
			best = &workload;
	}
	return best;
}

std::optional<Problem> ReferenceChecker::check_workload_metric(const MetricReference &reference) const
{
	std::string rest = reference.name.substr(workload_prefix.size());
	int name_column = reference.column + static_cast<int>(workload_prefix.size());
	const WorkloadSpec *workload = workload_named_in(rest);
	if (!workload) {
		std::vector<std::string> names = workload_names();
		std::string guess = rest.substr(0, rest.find('.'));
		if (contains(names, guess))
			return Problem{"'" + reference.name + "' names no metric; write workload." + guess + ".<metric>",
				       reference.column};
		std::string help = names.empty() ? "; this scenario has no [[workload]]"
						 : suggestion_or_list(guess, names, "this scenario's workloads are");
		return Problem{"no [[workload]] named '" + guess + "' in this scenario" + help, name_column};
	}
	const WorkloadSchema *schema = lookup_(workload->kind);
	if (!schema)
		return Problem{"workload '" + workload->name + "' is of kind '" + workload->kind +
			       "', which is not a registered workload kind", name_column};
	std::string metric = rest.substr(workload->name.size() + 1);
	int metric_column = name_column + static_cast<int>(workload->name.size()) + 1;
	std::vector<std::string> declared;
	for (const WorkloadMetricSpec &spec : schema->metrics) {
		if (spec.metric == metric)
			return check_labels(reference, spec.labels);
		declared.push_back(spec.metric);
	}
	std::string help = declared.empty() ? "; it reports no metrics"
					    : suggestion_or_list(metric, declared, "it reports");
	return Problem{"workload '" + workload->name + "' (kind " + workload->kind + ") reports no metric '" +
		       metric + "'" + help, metric_column};
}

Problem ReferenceChecker::unknown_metric(const MetricReference &reference) const
{
	std::vector<std::string> known;
	std::vector<std::string> patterns;
	for (const MetricFamily &family : metric_catalog()) {
		if (!is_kernel_keyed_family(family)) {
			known.push_back(family.name);
			continue;
		}
		std::string prefix = family.name.substr(0, family.name.size() - 1);
		if (starts_with(reference.name, prefix))
			return Problem{"'" + reference.name + "' is not a " + family.source + " name; write " + prefix +
				       (family.phased ? "<field>.before, .after or .delta" : "<name>"), reference.column};
		patterns.push_back(prefix + (family.phased ? "<field>.before|after|delta" : "<name>"));
	}
	std::vector<std::string> workload_metrics = workload_metric_names();
	known.insert(known.end(), workload_metrics.begin(), workload_metrics.end());
	std::string suggestion = did_you_mean(reference.name, known);
	if (!suggestion.empty())
		return Problem{"unknown metric '" + reference.name + "'" + suggestion, reference.column};
	known.insert(known.end(), patterns.begin(), patterns.end());
	return Problem{"unknown metric '" + reference.name + "'; accepted (see docs/metrics.md): " + quoted_list(known),
		       reference.column};
}

std::vector<std::string> ReferenceChecker::workload_names() const
{
	std::vector<std::string> names;
	for (const WorkloadSpec &workload : scenario_.workloads)
		names.push_back(workload.name);
	return names;
}

std::vector<std::string> ReferenceChecker::workload_metric_names() const
{
	std::vector<std::string> names;
	for (const WorkloadSpec &workload : scenario_.workloads) {
		const WorkloadSchema *schema = lookup_(workload.kind);
		if (!schema)
			continue;
		for (const WorkloadMetricSpec &spec : schema->metrics)
			names.push_back(workload_prefix + workload.name + "." + spec.metric);
	}
	return names;
}

Error assertion_error(const AssertionSpec &spec, std::size_t index, const std::string &problem, int column)
{
	return invalid_input(fmt::format("{}: [[assert]] #{}: {} (column {} of the expression)", spec.where.to_string(),
					 index + 1, problem, column));
}

}  // namespace

void validate_assertions(const Scenario &scenario, const WorkloadLookup &lookup)
{
	ReferenceChecker checker(scenario, lookup);
	for (std::size_t i = 0; i < scenario.assertions.size(); i++) {
		const AssertionSpec &spec = scenario.assertions[i];
		std::optional<CompiledAssertion> compiled;
		try {
			compiled = compile_assertion(spec.expr);
		} catch (const AssertionSyntaxError &error) {
			throw assertion_error(spec, i, error.what(), error.column());
		}
		for (const MetricReference &reference : metric_references(*compiled)) {
			if (std::optional<Problem> problem = checker.check(reference))
				throw assertion_error(spec, i, problem->text, problem->column);
		}
	}
}

}  // namespace kmh

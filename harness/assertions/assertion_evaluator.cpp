// Computing both sides of an assertion over the indexed metrics and comparing them.
#include "assertions/assertion_evaluator.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <regex>
#include <stdexcept>

#include <fmt/format.h>

#include "assertions/assertion_parser.h"
#include "assertions/label_match_memo.h"
#include "assertions/overloaded.h"
#include "metrics/catalog.h"

namespace kmh {

namespace {

// A side that cannot be computed; becomes Verdict::error with this message as the detail.
class EvaluationError : public std::runtime_error {
public:
	using std::runtime_error::runtime_error;
};

constexpr double not_computed = std::numeric_limits<double>::quiet_NaN();

// What the series picked by a selector add up to, in every way an aggregation may need.
struct Tally {
	double sum = 0;
	double share_sum = 0;
	double nonzero = 0;
	double max = 0;
	double min = 0;
	bool any = false;

	void add(double value, bool in_share)
	{
		max = any ? std::max(max, value) : value;
		min = any ? std::min(min, value) : value;
		any = true;
		sum += value;
		share_sum += in_share ? value : 0;
		nonzero += value != 0 ? 1 : 0;
	}
};

// "meminfo.SReclaimable.delta" -> "SReclaimable"
std::string kernel_field(const std::string &name)
{
	std::size_t first = name.find('.');
	std::size_t last = name.rfind('.');
	return last > first ? name.substr(first + 1, last - first - 1) : name;
}

std::string absence_reason(const std::string &name)
{
	const MetricFamily *family = find_metric_family(name);
	if (family)
		return name + " is absent: the running kernel has no " + family->source + " field '" + kernel_field(name) +
		       "' (or the " + family->source + " snapshot was not taken)";
	if (name.rfind("workload.", 0) == 0)
		return name + " is absent: the workload did not report it";
	return "unknown metric '" + name + "'";
}

class Evaluator {
public:
	explicit Evaluator(const SeriesIndex &index) : index_(index) {}

	double value(const Expr &expr) const;

private:
	double metric_value(const MetricExpr &metric) const;
	double binary_value(const BinaryExpr &binary) const;
	const std::vector<const Metric *> &series_named(const std::string &name) const;
	bool matches_all(const std::vector<LabelTerm> &terms, const Labels &labels) const;

	const SeriesIndex &index_;
	mutable LabelMatchMemo memo_;
};

double Evaluator::value(const Expr &expr) const
{
	return std::visit(overloaded{
		[](const NumberExpr &number) { return number.value; },
		[&](const MetricExpr &metric) { return metric_value(metric); },
		[&](const UnaryExpr &unary) {
			double operand = value(*unary.operand);
			return unary.op == UnaryOp::negate ? -operand : std::abs(operand);
		},
		[&](const BinaryExpr &binary) { return binary_value(binary); },
	}, expr.node);
}

double Evaluator::binary_value(const BinaryExpr &binary) const
{
	double left = value(*binary.left);
	double right = value(*binary.right);
	switch (binary.op) {
	case BinaryOp::add:
		return left + right;
	case BinaryOp::subtract:
		return left - right;
	case BinaryOp::multiply:
		return left * right;
	case BinaryOp::divide:
		if (right == 0)
			throw EvaluationError("division by zero: " + to_string(*binary.right) + " is 0");
		return left / right;
	}
	return 0;
}

const std::vector<const Metric *> &Evaluator::series_named(const std::string &name) const
{
	static const std::vector<const Metric *> none;
	if (const std::vector<const Metric *> *series = index_.find(name))
		return *series;
	const MetricFamily *family = find_metric_family(name);
	if (family && !is_kernel_keyed_family(*family))
		return none;
	throw EvaluationError(absence_reason(name));
}

bool Evaluator::matches_all(const std::vector<LabelTerm> &terms, const Labels &labels) const
{
	for (const LabelTerm &term : terms) {
		if (!memo_.matches(term.matcher, labels))
			return false;
	}
	return true;
}

double Evaluator::metric_value(const MetricExpr &metric) const
{
	Tally tally;
	for (const Metric *series : series_named(metric.selector.name)) {
		if (matches_all(metric.selector.terms, series->labels))
			tally.add(series->value, metric.share_of && memo_.matches(metric.share_of->matcher, series->labels));
	}
	switch (metric.aggregation) {
	case Aggregation::sum:
		return tally.sum;
	case Aggregation::count:
		return tally.nonzero;
	case Aggregation::max:
		return tally.max;
	case Aggregation::min:
		return tally.min;
	case Aggregation::share:
		if (tally.sum == 0)
			throw EvaluationError("division by zero: " + to_string(metric.selector) + " sums to 0, so " +
					      metric.share_of->matcher.to_string() + " has no share of it");
		return tally.share_sum / tally.sum;
	}
	return 0;
}

bool compares_true(Comparison comparison, double lhs, double rhs)
{
	switch (comparison) {
	case Comparison::greater_equal:
		return lhs >= rhs;
	case Comparison::less_equal:
		return lhs <= rhs;
	case Comparison::greater:
		return lhs > rhs;
	case Comparison::less:
		return lhs < rhs;
	case Comparison::equal:
		return lhs == rhs;
	case Comparison::not_equal:
		return lhs != rhs;
	}
	return false;
}

bool holds(const CompiledAssertion &assertion, double lhs, double rhs)
{
	if (!assertion.tolerance_percent)
		return compares_true(assertion.comparison, lhs, rhs);
	bool close = std::abs(lhs - rhs) <= *assertion.tolerance_percent / 100 * std::abs(rhs);
	return assertion.comparison == Comparison::equal ? close : !close;
}

std::string expected_text(const CompiledAssertion &assertion, double rhs)
{
	std::string text = std::string(to_string(assertion.comparison)) + " " + format_value(rhs);
	if (assertion.tolerance_percent)
		text += " within " + format_value(*assertion.tolerance_percent) + "%";
	return text;
}

// "pcp.drain.events{cpu=1} = 525587"; a plain number that reads the same is shown once.
std::string side_text(const Expr &side, double value)
{
	std::string text = to_string(side);
	std::string shown = format_value(value);
	return text == shown ? text : text + " = " + shown;
}

double computed_side(const Evaluator &evaluator, const Expr &side)
{
	double value = evaluator.value(side);
	if (!std::isfinite(value))
		throw EvaluationError(to_string(side) + " is not a finite number (" + format_value(value) + ")");
	return value;
}

AssertionResult result_skeleton(const std::string &expr, const AssertionSpec &spec)
{
	AssertionResult result;
	result.name = spec.name.empty() ? expr : spec.name;
	result.expr = expr;
	result.message = spec.message;
	result.where = spec.where;
	result.observed = not_computed;
	result.expected = not_computed;
	result.verdict = Verdict::error;
	return result;
}

}  // namespace

std::string format_value(double value)
{
	return fmt::format("{:.15g}", value);
}

AssertionResult evaluate_assertion(const CompiledAssertion &assertion, const AssertionSpec &spec,
				   const SeriesIndex &index)
{
	AssertionResult result = result_skeleton(assertion.text, spec);
	Evaluator evaluator(index);
	try {
		result.observed = computed_side(evaluator, *assertion.lhs);
		result.expected = computed_side(evaluator, *assertion.rhs);
	} catch (const EvaluationError &error) {
		result.detail = error.what();
		return result;
	} catch (const std::regex_error &error) {
		result.detail = std::string("a label regex could not be matched: ") + error.what();
		return result;
	}
	result.expected_text = expected_text(assertion, result.expected);
	result.detail = side_text(*assertion.lhs, result.observed) + "; " + side_text(*assertion.rhs, result.expected);
	result.verdict = holds(assertion, result.observed, result.expected) ? Verdict::pass : Verdict::fail;
	return result;
}

AssertionResult evaluate_assertion(const CompiledAssertion &assertion, const AssertionSpec &spec,
				   const MetricStore &store)
{
	return evaluate_assertion(assertion, spec, SeriesIndex(store));
}

std::vector<AssertionResult> evaluate_assertions(const Scenario &scenario, const MetricStore &store)
{
	SeriesIndex index(store);
	std::vector<AssertionResult> results;
	for (const AssertionSpec &spec : scenario.assertions) {
		try {
			results.push_back(evaluate_assertion(compile_assertion(spec.expr), spec, index));
		} catch (const AssertionSyntaxError &error) {
			AssertionResult result = result_skeleton(spec.expr, spec);
			result.detail = fmt::format("syntax error at column {} of the expression: {}", error.column(),
						    error.what());
			results.push_back(std::move(result));
		}
	}
	return results;
}

}  // namespace kmh

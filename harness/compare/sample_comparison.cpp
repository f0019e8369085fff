// Statistics and verdict for one metric: the test, the interval of the relative change, and the decision.
#include "compare/sample_comparison.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace kmh {

namespace {

constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN();

bool all_identical(const std::vector<double> &baseline, const std::vector<double> &candidate)
{
	double first = baseline.front();
	auto same = [first](double value) { return value == first; };
	return std::all_of(baseline.begin(), baseline.end(), same) && std::all_of(candidate.begin(), candidate.end(), same);
}

// change / |reference| * 100; +-inf when the reference is 0 and the change is not.
double percent_of(double change, double reference)
{
	if (change == 0)
		return 0;
	if (reference == 0)
		return std::copysign(std::numeric_limits<double>::infinity(), change);
	return change / std::fabs(reference) * 100;
}

std::vector<double> logs_of(const std::vector<double> &values)
{
	std::vector<double> logs;
	for (double value : values)
		logs.push_back(std::log(value));
	return logs;
}

bool all_positive(const std::vector<double> &values)
{
	return std::all_of(values.begin(), values.end(), [](double value) { return value > 0; });
}

// The Hodges-Lehmann interval of the ratio B/A (log values) when every value is > 0, else of the
// shift B - A relative to |median(A)|.
void set_relative_change(SampleComparison &result)
{
	if (all_positive(result.baseline) && all_positive(result.candidate)) {
		ShiftInterval log_shift =
			hodges_lehmann_shift(logs_of(result.baseline), logs_of(result.candidate), same_interval_confidence);
		result.relative_change = std::expm1(log_shift.estimate) * 100;
		result.relative_low = std::expm1(log_shift.low) * 100;
		result.relative_high = std::expm1(log_shift.high) * 100;
		result.interval_coverage = log_shift.coverage;
		return;
	}
	ShiftInterval shift = hodges_lehmann_shift(result.baseline, result.candidate, same_interval_confidence);
	result.relative_change = percent_of(shift.estimate, result.a.median);
	result.relative_low = percent_of(shift.low, result.a.median);
	result.relative_high = percent_of(shift.high, result.a.median);
	result.interval_coverage = shift.coverage;
}

ChangeVerdict changed_verdict(const std::string &metric_name, double difference)
{
	switch (worse_direction(metric_name)) {
	case WorseDirection::higher:
		return difference > 0 ? ChangeVerdict::regressed : ChangeVerdict::improved;
	case WorseDirection::lower:
		return difference < 0 ? ChangeVerdict::regressed : ChangeVerdict::improved;
	case WorseDirection::unknown:
		break;
	}
	return ChangeVerdict::changed;
}

Decision tested_decision(const SampleComparison &stats, double min_effect)
{
	if (stats.significant && std::fabs(stats.relative_change) >= min_effect)
		return Decision::changed;
	if (-min_effect < stats.relative_low && stats.relative_high < min_effect)
		return Decision::same;
	return Decision::undecided;
}

}  // namespace

const char *to_string(TestKind test)
{
	switch (test) {
	case TestKind::mann_whitney:
		return "mann-whitney";
	case TestKind::deterministic:
		return "deterministic";
	case TestKind::none:
		break;
	}
	return "none";
}

const char *to_string(Decision decision)
{
	switch (decision) {
	case Decision::changed:
		return "changed";
	case Decision::same:
		return "same";
	case Decision::undecided:
		break;
	}
	return "undecided";
}

const char *to_string(ChangeVerdict verdict)
{
	switch (verdict) {
	case ChangeVerdict::identical:
		return "identical";
	case ChangeVerdict::too_few_runs:
		return "too few runs";
	case ChangeVerdict::same:
		return "same";
	case ChangeVerdict::undecided:
		return "undecided";
	case ChangeVerdict::improved:
		return "improved";
	case ChangeVerdict::regressed:
		return "regressed";
	case ChangeVerdict::changed:
		return "changed";
	}
	return "?";
}

const char *p_method_text(TestKind test, const MannWhitneyResult &mann_whitney)
{
	if (test != TestKind::mann_whitney)
		return "-";
	return mann_whitney.exact ? "exact" : "normal approximation";
}

SampleComparison compare_samples(const std::string &metric_name, std::vector<double> baseline,
				 std::vector<double> candidate)
{
	SampleComparison result;
	result.baseline = std::move(baseline);
	result.candidate = std::move(candidate);
	result.a = summarize(result.baseline);
	result.b = summarize(result.candidate);
	result.difference = result.b.mean - result.a.mean;
	result.percent_change = percent_of(result.difference, result.a.mean);
	result.p_value = not_a_number;
	result.interval_coverage = 1;
	if (result.baseline.empty() || result.candidate.empty() || all_identical(result.baseline, result.candidate)) {
		decide(result, metric_name, not_a_number, {});
		return result;
	}
	if (result.a.n < 2 || result.b.n < 2) {
		result.verdict = ChangeVerdict::too_few_runs;
		result.relative_change = result.percent_change;
		result.relative_low = -std::numeric_limits<double>::infinity();
		result.relative_high = std::numeric_limits<double>::infinity();
	} else if (result.a.stddev == 0 && result.b.stddev == 0) {
		result.test = TestKind::deterministic;
		result.relative_change = result.relative_low = result.relative_high = result.percent_change;
	} else {
		result.test = TestKind::mann_whitney;
		result.mann_whitney = mann_whitney_u_test(result.baseline, result.candidate);
		result.p_value = result.mann_whitney.p_value;
		set_relative_change(result);
	}
	decide(result, metric_name, result.p_value, {});
	return result;
}

void decide(SampleComparison &stats, const std::string &metric_name, double q_value, const DecisionRules &rules)
{
	stats.q_value = q_value;
	stats.min_effect_percent = rules.min_effect_percent;
	switch (stats.test) {
	case TestKind::none:
		stats.significant = false;
		stats.decision = stats.verdict == ChangeVerdict::identical ? Decision::same : Decision::undecided;
		return;
	case TestKind::deterministic:
		stats.significant = true;
		stats.decision = std::fabs(stats.relative_change) >= rules.min_effect_percent ? Decision::changed : Decision::same;
		break;
	case TestKind::mann_whitney:
		stats.significant = q_value <= rules.alpha;
		stats.decision = tested_decision(stats, rules.min_effect_percent);
		break;
	}
	stats.verdict = stats.decision == Decision::changed ? changed_verdict(metric_name, stats.difference)
			: stats.decision == Decision::same ? ChangeVerdict::same
							   : ChangeVerdict::undecided;
}

}  // namespace kmh

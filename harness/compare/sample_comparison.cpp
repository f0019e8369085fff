// Statistics and verdict for one metric: which test decides, and what a significant change means.
#include "compare/sample_comparison.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace kmh {

namespace {

constexpr std::size_t welch_min_runs = 5;
constexpr double welch_max_skewness = 1.0;

bool all_identical(const std::vector<double> &baseline, const std::vector<double> &candidate)
{
	double first = baseline.front();
	auto same = [first](double value) { return value == first; };
	return std::all_of(baseline.begin(), baseline.end(), same) && std::all_of(candidate.begin(), candidate.end(), same);
}

double percent_change(double baseline_mean, double difference)
{
	if (difference == 0)
		return 0;
	if (baseline_mean == 0)
		return std::copysign(std::numeric_limits<double>::infinity(), difference);
	return difference / std::fabs(baseline_mean) * 100;
}

bool looks_normal_enough(const SampleSummary &summary)
{
	return summary.n >= welch_min_runs && std::fabs(summary.skewness) <= welch_max_skewness;
}

ChangeVerdict significant_verdict(const std::string &metric_name, double difference)
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

}  // namespace

const char *to_string(TestKind test)
{
	switch (test) {
	case TestKind::welch:
		return "welch";
	case TestKind::mann_whitney:
		return "mann-whitney";
	case TestKind::none:
		break;
	}
	return "none";
}

const char *to_string(ChangeVerdict verdict)
{
	switch (verdict) {
	case ChangeVerdict::identical:
		return "identical";
	case ChangeVerdict::too_few_runs:
		return "too few runs";
	case ChangeVerdict::no_change:
		return "no significant change";
	case ChangeVerdict::improved:
		return "improved";
	case ChangeVerdict::regressed:
		return "regressed";
	case ChangeVerdict::changed:
		return "changed";
	}
	return "?";
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
	result.percent_change = percent_change(result.a.mean, result.difference);
	if (result.baseline.empty() || result.candidate.empty() || all_identical(result.baseline, result.candidate))
		return result;
	result.welch = welch_t_test(result.baseline, result.candidate);
	result.mann_whitney = mann_whitney_u_test(result.baseline, result.candidate);
	if (result.a.n < 2 || result.b.n < 2) {
		result.verdict = ChangeVerdict::too_few_runs;
		return result;
	}
	bool welch_decides = looks_normal_enough(result.a) && looks_normal_enough(result.b);
	result.test = welch_decides ? TestKind::welch : TestKind::mann_whitney;
	result.p_value = welch_decides ? result.welch.p_value : result.mann_whitney.p_value;
	result.significant = result.p_value < significance_alpha;
	result.verdict = result.significant ? significant_verdict(metric_name, result.difference) : ChangeVerdict::no_change;
	return result;
}

}  // namespace kmh

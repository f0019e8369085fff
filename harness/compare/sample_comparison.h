// One metric's baseline and candidate samples, their statistics and the verdict drawn from them.
#pragma once

#include <string>
#include <vector>

#include "compare/metric_direction.h"
#include "compare/statistics.h"

namespace kmh {

inline constexpr double significance_alpha = 0.05;

enum class TestKind { none, welch, mann_whitney };
enum class ChangeVerdict { identical, too_few_runs, no_change, improved, regressed, changed };

const char *to_string(TestKind test);
const char *to_string(ChangeVerdict verdict);

struct SampleComparison {
	std::vector<double> baseline;  // one value per run
	std::vector<double> candidate;
	SampleSummary a;
	SampleSummary b;
	double difference = 0;      // mean(candidate) - mean(baseline)
	double percent_change = 0;  // difference / |mean(baseline)| * 100; +-inf when the baseline is 0
	WelchResult welch;
	MannWhitneyResult mann_whitney;
	TestKind test = TestKind::none;  // the test the verdict rests on
	double p_value = 1;              // that test's p-value
	bool significant = false;        // p_value < significance_alpha
	ChangeVerdict verdict = ChangeVerdict::identical;
};

// Welch decides when both sides have >= 5 runs and |skewness| <= 1; otherwise Mann-Whitney.
// Values equal across every run of both sides are "identical" and not tested.
SampleComparison compare_samples(const std::string &metric_name, std::vector<double> baseline,
				 std::vector<double> candidate);

}  // namespace kmh

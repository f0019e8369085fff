// Two-sample statistics for comparing kernels: summaries, Welch's t-test and the Mann-Whitney U test.
#pragma once

#include <cstddef>
#include <vector>

namespace kmh {

struct SampleSummary {
	std::size_t n = 0;
	double mean = 0;
	double median = 0;
	double stddev = 0;    // sample standard deviation (n - 1); 0 when n < 2
	double cv = 0;        // stddev / |mean|; 0 when the mean is 0
	double skewness = 0;  // g1 = m3 / m2^1.5 (population moments); 0 when all values are equal
};

SampleSummary summarize(const std::vector<double> &values);

// Welch's unequal-variance t-test on candidate - baseline. Needs n >= 2 on both sides; otherwise
// every field is NaN. When both variances are 0 and the means differ, the difference is certain:
// t is infinite, p is 0 and the interval is the difference itself.
struct WelchResult {
	double t = 0;
	double df = 0;          // Welch-Satterthwaite degrees of freedom
	double p_value = 1;     // two-sided
	double ci_low = 0;      // confidence interval of mean(candidate) - mean(baseline)
	double ci_high = 0;
};

WelchResult welch_t_test(const std::vector<double> &baseline, const std::vector<double> &candidate,
			 double confidence = 0.95);

// Mann-Whitney U (Wilcoxon rank-sum) test, two-sided. u is the statistic of the baseline sample
// (R's wilcox.test(baseline, candidate) W). Exact null distribution when both samples have at most
// exact_limit values and there are no ties; otherwise the normal approximation with tie
// correction and continuity correction, as R computes it.
struct MannWhitneyResult {
	double u = 0;
	double p_value = 1;
	bool exact = false;
};

inline constexpr std::size_t mann_whitney_exact_limit = 8;

MannWhitneyResult mann_whitney_u_test(const std::vector<double> &baseline, const std::vector<double> &candidate);

}  // namespace kmh

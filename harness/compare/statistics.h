// Two-sample statistics for comparing kernels: summaries, the Mann-Whitney U test (exact or normal),
// the Hodges-Lehmann shift with its distribution-free interval, and Benjamini-Hochberg q-values.
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

// The exact tests count every split of the pooled N = nA + nB values into nA and nB by dynamic
// programming over rank sums, which is the same as enumerating the C(N, nA) splits one by one;
// they are used while C(N, nA) is at most exact_max_splits (20 against 20 is 1.4e11), where every
// count is an integer held exactly in a double (below 2^53), and N is at most exact_max_values,
// which bounds the work (N * min(nA, nB) * N^2 steps). Beyond that, the normal approximation.
inline constexpr double exact_max_splits = 1e12;
inline constexpr std::size_t exact_max_values = 100;

// Whether C(nA + nB, nA) <= exact_max_splits.
bool exact_is_feasible(std::size_t baseline_size, std::size_t candidate_size);

// Mann-Whitney U (Wilcoxon rank-sum) test, two-sided. u is the statistic of the baseline sample
// (R's wilcox.test(baseline, candidate) W). Exact: the permutation distribution of the baseline's
// mid-rank sum R, ties included (conditional on the tie pattern), and
// p = P(|R - E R| >= |r - E R|). Otherwise the normal approximation with tie correction and
// continuity correction, as R computes it.
struct MannWhitneyResult {
	double u = 0;
	double p_value = 1;
	bool exact = false;
};

MannWhitneyResult mann_whitney_u_test(const std::vector<double> &baseline, const std::vector<double> &candidate);

// The Hodges-Lehmann estimate of the shift candidate - baseline (median of the nA * nB pairwise
// differences) and its distribution-free interval [D(k), D(nA*nB + 1 - k)] (Moses; Bauer 1972),
// k the largest with P(U <= k - 1) <= (1 - confidence) / 2 under the no-ties null distribution of U
// (exact while feasible, else normal). When no k >= 1 qualifies, the interval is unbounded.
// `coverage` is the interval's actual level, 1 - 2 P(U <= k - 1), at least `confidence`.
struct ShiftInterval {
	double estimate = 0;
	double low = 0;
	double high = 0;
	double coverage = 0;
};

ShiftInterval hodges_lehmann_shift(const std::vector<double> &baseline, const std::vector<double> &candidate,
				   double confidence);

// Benjamini-Hochberg q-values (step-up adjusted p-values, capped at 1), in the order given. A NaN
// p-value is no hypothesis: it gets a NaN q and does not count in the family's size.
std::vector<double> benjamini_hochberg(const std::vector<double> &p_values);

}  // namespace kmh

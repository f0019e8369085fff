// Summaries, the Mann-Whitney U test (exact or normal), the Hodges-Lehmann interval and BH q-values.
#include "compare/statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <utility>

#include <boost/math/distributions/normal.hpp>

namespace kmh {

namespace {

constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN();

double mean_of(const std::vector<double> &values)
{
	return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

double median_of(std::vector<double> values)
{
	std::sort(values.begin(), values.end());
	std::size_t middle = values.size() / 2;
	return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

// The sum of (x - mean)^power.
double central_sum(const std::vector<double> &values, double mean, int power)
{
	double sum = 0;
	for (double value : values)
		sum += std::pow(value - mean, power);
	return sum;
}

double sample_variance(const std::vector<double> &values)
{
	return central_sum(values, mean_of(values), 2) / static_cast<double>(values.size() - 1);
}

struct Ranking {
	std::vector<double> ranks;     // mid-ranks of baseline followed by candidate
	std::vector<double> tie_sizes; // size of each group of equal values, > 1 only
};

Ranking rank_pooled(const std::vector<double> &baseline, const std::vector<double> &candidate)
{
	std::vector<double> pooled(baseline);
	pooled.insert(pooled.end(), candidate.begin(), candidate.end());
	std::vector<std::size_t> order(pooled.size());
	std::iota(order.begin(), order.end(), 0);
	std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return pooled[a] < pooled[b]; });
	Ranking ranking{std::vector<double>(pooled.size()), {}};
	for (std::size_t start = 0; start < order.size();) {
		std::size_t end = start;
		while (end < order.size() && pooled[order[end]] == pooled[order[start]])
			end++;
		double mid_rank = (static_cast<double>(start + 1) + static_cast<double>(end)) / 2;
		for (std::size_t i = start; i < end; i++)
			ranking.ranks[order[i]] = mid_rank;
		if (end - start > 1)
			ranking.tie_sizes.push_back(static_cast<double>(end - start));
		start = end;
	}
	return ranking;
}

// Number of orderings of m baseline and n candidate values without ties giving each U (0..m*n).
// The largest value is either a baseline one (it beats all n candidates) or a candidate one (it
// adds nothing): f(m, n, u) = f(m - 1, n, u - n) + f(m, n - 1, u).
std::vector<double> u_frequencies(std::size_t m, std::size_t n)
{
	std::vector<std::vector<std::vector<double>>> f(m + 1, std::vector<std::vector<double>>(n + 1));
	for (std::size_t i = 0; i <= m; i++) {
		for (std::size_t j = 0; j <= n; j++) {
			f[i][j].assign(i * j + 1, 0.0);
			if (i == 0 || j == 0) {
				f[i][j][0] = 1;
				continue;
			}
			for (std::size_t u = 0; u <= i * j; u++)
				f[i][j][u] = (u >= j ? f[i - 1][j][u - j] : 0) + (u < f[i][j - 1].size() ? f[i][j - 1][u] : 0);
		}
	}
	return f[m][n];
}

// Number of m-element subsets of the pooled values with each sum of doubled mid-ranks (doubled,
// so that every score and sum is a whole number). subsets[k][s]: size k, sum s, values seen so far.
std::vector<double> rank_sum_frequencies(const std::vector<std::size_t> &doubled_ranks, std::size_t m)
{
	std::size_t max_sum = std::accumulate(doubled_ranks.begin(), doubled_ranks.end(), std::size_t{0});
	std::vector<std::vector<double>> subsets(m + 1, std::vector<double>(max_sum + 1, 0.0));
	subsets[0][0] = 1;
	for (std::size_t score : doubled_ranks)
		for (std::size_t k = m; k >= 1; k--)
			for (std::size_t sum = max_sum; sum >= score; sum--)
				subsets[k][sum] += subsets[k - 1][sum - score];
	return subsets[m];
}

// P(|R - E R| >= |r - E R|) over every split of the pooled mid-ranks, in doubled ranks. R is the
// smaller side's rank sum (the counting is cheaper; the two sides' sums add up to a constant, so
// the distance from the expectation is the same).
double exact_p_value(const Ranking &ranking, std::size_t m)
{
	std::size_t total_count = ranking.ranks.size();
	bool baseline_smaller = m <= total_count - m;
	std::size_t k = baseline_smaller ? m : total_count - m;
	std::vector<std::size_t> doubled;
	for (double rank : ranking.ranks)
		doubled.push_back(static_cast<std::size_t>(std::lround(2 * rank)));
	auto first = baseline_smaller ? doubled.begin() : doubled.begin() + static_cast<long>(m);
	auto observed = static_cast<long>(std::accumulate(first, first + static_cast<long>(k), std::size_t{0}));
	auto expected = static_cast<long>(k * (total_count + 1));  // 2 * k (N + 1) / 2
	long observed_distance = std::labs(observed - expected);
	std::vector<double> frequencies = rank_sum_frequencies(doubled, k);
	double extreme = 0;
	double total = 0;
	for (std::size_t sum = 0; sum < frequencies.size(); sum++) {
		total += frequencies[sum];
		if (std::labs(static_cast<long>(sum) - expected) >= observed_distance)
			extreme += frequencies[sum];
	}
	return std::min(1.0, extreme / total);
}

double normal_p_value(double u, std::size_t m, std::size_t n, const std::vector<double> &tie_sizes)
{
	double mn = static_cast<double>(m * n);
	double total = static_cast<double>(m + n);
	double tie_term = 0;
	for (double size : tie_sizes)
		tie_term += size * size * size - size;
	double sigma = std::sqrt(mn / 12 * ((total + 1) - tie_term / (total * (total - 1))));
	double centred = u - mn / 2;
	if (sigma == 0)
		return 1;
	double z = (centred - (centred > 0 ? 0.5 : centred < 0 ? -0.5 : 0)) / sigma;
	boost::math::normal standard;
	return std::min(1.0, 2 * boost::math::cdf(boost::math::complement(standard, std::fabs(z))));
}

// The largest k >= 1 with P(U <= k - 1) <= tail under the no-ties null distribution of U, and
// that probability; k = 0 when even P(U <= 0) exceeds the tail.
std::pair<std::size_t, double> lower_order_statistic(std::size_t m, std::size_t n, double tail)
{
	tail *= 1 + 1e-12;  // (1 - 0.9) / 2 is 0.04999...: P(U <= 0) = 1/20 for 3 against 3 must still count
	if (exact_is_feasible(m, n)) {
		std::vector<double> frequencies = u_frequencies(m, n);
		double total = std::accumulate(frequencies.begin(), frequencies.end(), 0.0);
		std::size_t k = 0;
		double below = 0;
		while (k < frequencies.size() && (below + frequencies[k]) / total <= tail)
			below += frequencies[k++];
		return {k, below / total};
	}
	double mn = static_cast<double>(m * n);
	double sigma = std::sqrt(mn * static_cast<double>(m + n + 1) / 12);
	boost::math::normal standard;
	double k = std::floor(mn / 2 + 0.5 + boost::math::quantile(standard, tail) * sigma);
	if (k < 1)
		return {0, 0};
	return {static_cast<std::size_t>(k), boost::math::cdf(standard, (k - 0.5 - mn / 2) / sigma)};
}

}  // namespace

SampleSummary summarize(const std::vector<double> &values)
{
	SampleSummary summary;
	summary.n = values.size();
	if (values.empty())
		return summary;
	summary.mean = mean_of(values);
	summary.median = median_of(values);
	if (values.size() >= 2)
		summary.stddev = std::sqrt(sample_variance(values));
	summary.cv = summary.mean == 0 ? 0 : summary.stddev / std::fabs(summary.mean);
	double count = static_cast<double>(values.size());
	double m2 = central_sum(values, summary.mean, 2) / count;
	double m3 = central_sum(values, summary.mean, 3) / count;
	summary.skewness = m2 == 0 ? 0 : m3 / std::pow(m2, 1.5);
	return summary;
}

MannWhitneyResult mann_whitney_u_test(const std::vector<double> &baseline, const std::vector<double> &candidate)
{
	if (baseline.empty() || candidate.empty())
		return {not_a_number, not_a_number, false};
	Ranking ranking = rank_pooled(baseline, candidate);
	double m = static_cast<double>(baseline.size());
	double rank_sum = std::accumulate(ranking.ranks.begin(), ranking.ranks.begin() + baseline.size(), 0.0);
	double u = rank_sum - m * (m + 1) / 2;
	bool exact = exact_is_feasible(baseline.size(), candidate.size());
	double p = exact ? exact_p_value(ranking, baseline.size())
			 : normal_p_value(u, baseline.size(), candidate.size(), ranking.tie_sizes);
	return {u, p, exact};
}

bool exact_is_feasible(std::size_t baseline_size, std::size_t candidate_size)
{
	std::size_t total = baseline_size + candidate_size;
	if (total > exact_max_values)
		return false;
	std::size_t k = std::min(baseline_size, candidate_size);
	double splits = 1;
	for (std::size_t i = 1; i <= k; i++) {
		splits = splits * static_cast<double>(total - k + i) / static_cast<double>(i);
		if (splits > exact_max_splits)
			return false;
	}
	return true;
}

ShiftInterval hodges_lehmann_shift(const std::vector<double> &baseline, const std::vector<double> &candidate,
				   double confidence)
{
	if (baseline.empty() || candidate.empty())
		return {not_a_number, not_a_number, not_a_number, not_a_number};
	std::vector<double> differences;
	for (double b : candidate)
		for (double a : baseline)
			differences.push_back(b - a);
	std::sort(differences.begin(), differences.end());
	double estimate = median_of(differences);
	auto [k, below] = lower_order_statistic(baseline.size(), candidate.size(), (1 - confidence) / 2);
	if (k == 0)
		return {estimate, -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity(), 1.0};
	return {estimate, differences[k - 1], differences[differences.size() - k], 1 - 2 * below};
}

std::vector<double> benjamini_hochberg(const std::vector<double> &p_values)
{
	std::vector<std::size_t> order;
	for (std::size_t i = 0; i < p_values.size(); i++)
		if (!std::isnan(p_values[i]))
			order.push_back(i);
	std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p_values[a] < p_values[b]; });
	std::vector<double> q_values(p_values.size(), not_a_number);
	double smallest_above = 1;
	auto family = static_cast<double>(order.size());
	for (std::size_t rank = order.size(); rank >= 1; rank--) {
		std::size_t index = order[rank - 1];
		smallest_above = std::min(smallest_above, p_values[index] * family / static_cast<double>(rank));
		q_values[index] = smallest_above;
	}
	return q_values;
}

}  // namespace kmh

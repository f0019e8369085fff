// Summaries, Welch's t-test (Boost.Math Student t) and the Mann-Whitney U test (exact or normal).
#include "compare/statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

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

// Number of orderings of m baseline and n candidate values giving each U (0..m*n). The largest
// value is either a baseline one (it beats all n candidates) or a candidate one (it adds nothing):
// f(m, n, u) = f(m - 1, n, u - n) + f(m, n - 1, u).
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

double exact_p_value(double u, std::size_t m, std::size_t n)
{
	std::vector<double> frequencies = u_frequencies(m, n);
	double total = std::accumulate(frequencies.begin(), frequencies.end(), 0.0);
	auto whole_u = static_cast<std::size_t>(u);
	double at_most = std::accumulate(frequencies.begin(), frequencies.begin() + whole_u + 1, 0.0) / total;
	double at_least = std::accumulate(frequencies.begin() + whole_u, frequencies.end(), 0.0) / total;
	return std::min(1.0, 2 * std::min(at_most, at_least));
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

WelchResult welch_t_test(const std::vector<double> &baseline, const std::vector<double> &candidate, double confidence)
{
	if (baseline.size() < 2 || candidate.size() < 2)
		return {not_a_number, not_a_number, not_a_number, not_a_number, not_a_number};
	double difference = mean_of(candidate) - mean_of(baseline);
	double share_a = sample_variance(baseline) / static_cast<double>(baseline.size());
	double share_b = sample_variance(candidate) / static_cast<double>(candidate.size());
	double standard_error = std::sqrt(share_a + share_b);
	if (standard_error == 0) {
		double t = difference == 0 ? 0 : std::copysign(std::numeric_limits<double>::infinity(), difference);
		return {t, not_a_number, difference == 0 ? 1.0 : 0.0, difference, difference};
	}
	double df = std::pow(share_a + share_b, 2) /
		    (share_a * share_a / static_cast<double>(baseline.size() - 1) +
		     share_b * share_b / static_cast<double>(candidate.size() - 1));
	boost::math::students_t distribution(df);
	double t = difference / standard_error;
	double p = 2 * boost::math::cdf(boost::math::complement(distribution, std::fabs(t)));
	double quantile = boost::math::quantile(boost::math::complement(distribution, (1 - confidence) / 2));
	return {t, df, p, difference - quantile * standard_error, difference + quantile * standard_error};
}

MannWhitneyResult mann_whitney_u_test(const std::vector<double> &baseline, const std::vector<double> &candidate)
{
	if (baseline.empty() || candidate.empty())
		return {not_a_number, not_a_number, false};
	Ranking ranking = rank_pooled(baseline, candidate);
	double m = static_cast<double>(baseline.size());
	double rank_sum = std::accumulate(ranking.ranks.begin(), ranking.ranks.begin() + baseline.size(), 0.0);
	double u = rank_sum - m * (m + 1) / 2;
	bool exact = baseline.size() <= mann_whitney_exact_limit && candidate.size() <= mann_whitney_exact_limit &&
		     ranking.tie_sizes.empty();
	double p = exact ? exact_p_value(u, baseline.size(), candidate.size())
			 : normal_p_value(u, baseline.size(), candidate.size(), ranking.tie_sizes);
	return {u, p, exact};
}

}  // namespace kmh

// Walking a log2 histogram to the bucket of a quantile and interpolating inside it.
#include "collect/pressure/latency_quantiles.h"

#include <algorithm>
#include <cmath>

namespace kmh {

std::uint64_t bucket_lower_bound(std::size_t bucket)
{
	return bucket == 0 ? 0 : std::uint64_t{1} << bucket;
}

double histogram_quantile(const std::vector<std::uint64_t> &buckets, double q, std::uint64_t max_value)
{
	std::uint64_t total = 0;
	for (std::uint64_t count : buckets)
		total += count;
	if (total == 0)
		return 0;
	double rank = std::clamp(q, 0.0, 1.0) * static_cast<double>(total);
	double below = 0;
	std::size_t bucket = 0;
	for (; bucket + 1 < buckets.size(); ++bucket) {
		if (buckets[bucket] && below + static_cast<double>(buckets[bucket]) >= rank)
			break;
		below += static_cast<double>(buckets[bucket]);
	}
	double lower = static_cast<double>(bucket_lower_bound(bucket));
	double upper = std::ldexp(2.0, static_cast<int>(bucket));
	double fraction = buckets[bucket] ? (rank - below) / static_cast<double>(buckets[bucket]) : 1.0;
	double value = lower + std::clamp(fraction, 0.0, 1.0) * (upper - lower);
	return max_value ? std::min(value, static_cast<double>(max_value)) : value;
}

}  // namespace kmh

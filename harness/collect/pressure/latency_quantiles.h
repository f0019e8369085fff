// Quantiles of the log2 latency histograms BPF collectors keep, interpolated inside a bucket.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace kmh {

// Bucket 0 holds values in [0, 2), bucket i > 0 those in [2^i, 2^(i+1)).
std::uint64_t bucket_lower_bound(std::size_t bucket);

// The value at quantile q (0 < q <= 1) of the values the histogram counts, `max_value` the
// largest of them (0: unknown). The bucket that holds the ceil(q * total)-th smallest value is
// exact; inside it the values are taken as spread evenly, so the result is off by less than the
// bucket's width (a factor of 2 at most), and never above `max_value`. 0 for an empty histogram.
double histogram_quantile(const std::vector<std::uint64_t> &buckets, double q, std::uint64_t max_value);

}  // namespace kmh

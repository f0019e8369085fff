// Tests of quantiles read from log2 latency histograms (harness/collect/pressure/latency_quantiles.h).
#include "collect/pressure/latency_quantiles.h"

#include <gtest/gtest.h>

namespace kmh {
namespace {

std::vector<std::uint64_t> histogram(std::initializer_list<std::pair<std::size_t, std::uint64_t>> counts)
{
	std::vector<std::uint64_t> buckets(64, 0);
	for (auto [bucket, count] : counts)
		buckets[bucket] = count;
	return buckets;
}

TEST(LatencyQuantiles, BucketBounds)
{
	EXPECT_EQ(bucket_lower_bound(0), 0u);
	EXPECT_EQ(bucket_lower_bound(1), 2u);
	EXPECT_EQ(bucket_lower_bound(10), 1024u);
}

TEST(LatencyQuantiles, EmptyHistogramIsZero)
{
	EXPECT_EQ(histogram_quantile(histogram({}), 0.5, 0), 0);
}

TEST(LatencyQuantiles, InterpolatesInsideOneBucket)
{
	auto buckets = histogram({{10, 10}});  // ten values in [1024, 2048)
	EXPECT_DOUBLE_EQ(histogram_quantile(buckets, 0.5, 0), 1536);
	EXPECT_DOUBLE_EQ(histogram_quantile(buckets, 0.9, 0), 1024 + 0.9 * 1024);
	EXPECT_DOUBLE_EQ(histogram_quantile(buckets, 1.0, 0), 2048);
}

TEST(LatencyQuantiles, NeverAboveTheLargestValueSeen)
{
	auto buckets = histogram({{10, 10}});
	EXPECT_DOUBLE_EQ(histogram_quantile(buckets, 0.9, 1500), 1500);
	EXPECT_DOUBLE_EQ(histogram_quantile(buckets, 0.5, 1600), 1536);
}

TEST(LatencyQuantiles, FindsTheBucketOfTheRank)
{
	auto buckets = histogram({{3, 50}, {10, 50}});  // 50 values in [8, 16), 50 in [1024, 2048)
	EXPECT_DOUBLE_EQ(histogram_quantile(buckets, 0.5, 0), 16);
	EXPECT_DOUBLE_EQ(histogram_quantile(buckets, 0.9, 0), 1024 + 0.8 * 1024);
	EXPECT_DOUBLE_EQ(histogram_quantile(buckets, 0.99, 0), 1024 + 0.98 * 1024);
	EXPECT_DOUBLE_EQ(histogram_quantile(buckets, 0.1, 0), 8 + 0.2 * 8);
}

TEST(LatencyQuantiles, SkipsEmptyBucketsBetween)
{
	auto buckets = histogram({{0, 1}, {20, 1}});
	EXPECT_DOUBLE_EQ(histogram_quantile(buckets, 0.5, 0), 2);
	EXPECT_DOUBLE_EQ(histogram_quantile(buckets, 0.99, 0), (1 << 20) + 0.98 * (1 << 20));
}

TEST(LatencyQuantiles, TheLastBucketReachesTheTopOfU64)
{
	auto buckets = histogram({{63, 2}});
	EXPECT_DOUBLE_EQ(histogram_quantile(buckets, 0.5, 0), 1.5 * double(1ULL << 63));
	EXPECT_DOUBLE_EQ(histogram_quantile(buckets, 1.0, 0), 2 * double(1ULL << 63));
	EXPECT_DOUBLE_EQ(histogram_quantile(buckets, 1.0, 3ULL << 62), double(3ULL << 62));
}

}  // namespace
}  // namespace kmh

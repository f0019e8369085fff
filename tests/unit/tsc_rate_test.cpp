// Tests of measuring the time-stamp counter's rate (harness/system/tsc_rate.h).
#include <gtest/gtest.h>

#include "system/tsc_rate.h"

namespace kmh {
namespace {

// x86-64 TSCs run at a fixed rate between a few hundred MHz and a few GHz (2,596,087 kHz on the
// build machine, as a TCG guest's HPET calibration also read it); the measurement is made once.
TEST(TscRate, IsAPlausibleRateMeasuredOnce)
{
#if defined(__x86_64__)
	std::optional<long> khz = measured_tsc_khz();
	ASSERT_TRUE(khz);
	EXPECT_GT(*khz, 100'000);
	EXPECT_LT(*khz, 10'000'000);
	EXPECT_EQ(measured_tsc_khz(), khz);
#else
	EXPECT_FALSE(measured_tsc_khz());
#endif
}

}  // namespace
}  // namespace kmh

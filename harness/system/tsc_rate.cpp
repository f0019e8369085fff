// The rate of this machine's time-stamp counter, measured against CLOCK_MONOTONIC_RAW.
#include "system/tsc_rate.h"

#include <time.h>
#include <unistd.h>

#if defined(__x86_64__)
#include <x86intrin.h>
#endif

namespace kmh {

namespace {

constexpr double bracket_seconds = 50e-6;
constexpr int tries = 100;

double raw_seconds()
{
	timespec now{};
	clock_gettime(CLOCK_MONOTONIC_RAW, &now);
	return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

#if defined(__x86_64__)
struct TscReading {
	double seconds = 0;  // the middle of the bracket
	double ticks = 0;
};

std::optional<TscReading> bracketed_reading()
{
	for (int i = 0; i < tries; i++) {
		double before = raw_seconds();
		unsigned long long ticks = __rdtsc();
		double after = raw_seconds();
		if (after - before <= bracket_seconds)
			return TscReading{ (before + after) / 2, static_cast<double>(ticks) };
	}
	return std::nullopt;
}

std::optional<long> measure()
{
	std::optional<TscReading> first = bracketed_reading();
	usleep(20000);
	std::optional<TscReading> second = bracketed_reading();
	if (!first || !second || second->seconds <= first->seconds)
		return std::nullopt;
	return static_cast<long>((second->ticks - first->ticks) / (second->seconds - first->seconds) / 1000);
}
#else
std::optional<long> measure()
{
	return std::nullopt;
}
#endif

}  // namespace

std::optional<long> measured_tsc_khz()
{
	static const std::optional<long> khz = measure();
	return khz;
}

}  // namespace kmh

// The rate of this machine's time-stamp counter, measured against CLOCK_MONOTONIC_RAW.
#pragma once

#include <optional>

namespace kmh {

// The TSC's rate in kHz, measured once per process over 20 ms with each reading bracketed by two
// clock readings at most 50 µs apart (a reading the scheduler split is taken again); nullopt off
// x86-64 or when no tight bracket could be had.
std::optional<long> measured_tsc_khz();

}  // namespace kmh

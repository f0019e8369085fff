// The mmtests-style table `kmemharness compare` prints: metric, means, gain (* significant), verdict.
#pragma once

#include <string>

#include "compare/compare_report.h"

namespace kmh {

enum class Color { off, on };

std::string terminal_report(const CompareReport &report, Color color);

}  // namespace kmh

// The comparison as JSON (--json FILE): every series and total with all its statistics, and the gates.
#pragma once

#include <nlohmann/json.hpp>

#include "compare/compare_report.h"

namespace kmh {

// Layout in docs/compare.md. Numbers that are not finite (a test that could not run) are null.
nlohmann::json compare_report_json(const CompareReport &report);

}  // namespace kmh

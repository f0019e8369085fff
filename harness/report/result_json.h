// result.json: the versioned, self-describing record of one run, written and read back.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/run_result.h"

namespace kmh {

// The document docs/results.md describes. Whole numbers are stored as integers, numbers that are
// not finite (NaN, infinities) as null.
nlohmann::json result_to_json(const RunResult &result);

// result_to_json() as the text of a result.json file.
std::string result_json_text(const RunResult &result);

// Reads a result.json document back, e.g. for comparing runs. Absent fields keep their defaults,
// a null number reads as NaN. Throws kmh::Error (invalid_input) when the document is not a
// kmemharness result of this major schema_version or a field has the wrong type.
RunResult result_from_json(const nlohmann::json &document);

// Only the "metrics" array of a result.json document, read as result_from_json reads it.
std::vector<Metric> result_metrics_from_json(const nlohmann::json &document);

}  // namespace kmh

// The unit of an assertion's observed value (its left-hand side), read off the metrics it names.
#pragma once

#include <string>

namespace kmh {

// The catalog unit of the left-hand side ("events", "bytes", "pages") when its metrics share one,
// possibly scaled or offset by numbers; "" for a count(), a share(), a ratio of metrics, mixed
// units, workload metrics (their kinds declare no unit) and text that does not compile.
std::string observed_unit(const std::string &expr);

}  // namespace kmh

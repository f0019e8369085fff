// report.html: one run as a self-contained page (assertions, per-CPU lists, page orders, fragmentation, slab, call sites).
#pragma once

#include <string>

#include "report/run_result.h"

namespace kmh {

// How many call sites report.html lists per call-site family.
inline constexpr std::size_t report_callsite_limit = 10;

// The page, with every chart inline (SVG) and no external resource. A section whose metrics the
// run did not collect says so instead of drawing an empty chart; the call-site section appears
// only when the run has series with a `callsite` label.
std::string run_report_html(const RunResult &result);

}  // namespace kmh

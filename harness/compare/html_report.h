// The comparison as one self-contained HTML page (inline CSS and SVG, nothing fetched).
#pragma once

#include <string>

#include "compare/compare_report.h"

namespace kmh {

// Sections: the sides, the headline table, gates, a strip plot per headline row, per-CPU
// pcp.refill/pcp.drain bars, page.alloc.events by order x migratetype, pagetypeinfo free blocks
// before and after by order x migratetype.
std::string html_report(const CompareReport &report);

}  // namespace kmh

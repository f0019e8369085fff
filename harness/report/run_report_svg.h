// Inline SVG for report.html: a labelled bar chart and an order x migratetype heat map.
#pragma once

#include <string>
#include <vector>

#include "report/run_report_data.h"

namespace kmh {

// One bar per value, its label under it and its value in its tooltip: <svg class="bars"
// data-metric="<metric>">, each bar <rect class="bar" data-label="<label>">.
std::string bar_chart_svg(const std::string &metric, const std::string &label_prefix,
			  const std::vector<LabelledValue> &values);

// One square per (order, migratetype), darker for more, its value written in it: <svg class="heat"
// data-metric="<metric>">, each cell <rect class="cell" data-order=".." data-migratetype="..">.
std::string heat_map_svg(const std::string &metric, const OrderMigratetypeGrid &grid);

}  // namespace kmh

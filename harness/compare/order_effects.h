// The position test of ab: first against second run of each round, whatever the side, for every row.
#pragma once

#include <string>
#include <vector>

#include "compare/metric_comparison.h"
#include "compare/min_effect.h"
#include "compare/run_order.h"

namespace kmh {

// Sets each row's `position`: the runs that came first in their round (A's and B's) against those
// that came second, compared and decided as the treatment is (exact Mann-Whitney, BH q-values
// over the rows tested for position, the row's minimum effect). Needs the run sets in round order.
void test_positions(std::vector<MetricComparison> &rows, const RunOrder &order, const MinEffect &min_effect);

// The rows whose position test decided `changed`.
std::vector<const MetricComparison *> position_effect_rows(const std::vector<MetricComparison> &rows);

// What the reports print about the order: how it was balanced, the position effects found (each
// with what it does to the A/B verdict), what was reset and what was not, and the advice. One
// sentence per line, no markup.
std::vector<std::string> order_lines(const std::vector<MetricComparison> &rows, const RunOrder &order);

}  // namespace kmh

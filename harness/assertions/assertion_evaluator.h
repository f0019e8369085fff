// Evaluation of compiled assertions against a run's metrics: a verdict and how it was reached.
#pragma once

#include <vector>

#include "assertions/assertion_ast.h"
#include "assertions/assertion_result.h"
#include "assertions/series_index.h"
#include "metrics/metric_store.h"
#include "scenario/scenario.h"

namespace kmh {

// pass or fail, or error when a side cannot be computed: division by zero, share() of nothing,
// a kernel-keyed name (meminfo.X.delta) or a workload metric absent from the run. A catalog
// family with no matching series counts as 0. On error, sides not computed are NaN.
AssertionResult evaluate_assertion(const CompiledAssertion &assertion, const AssertionSpec &spec,
				   const MetricStore &store);
// The same over an index built once for many assertions.
AssertionResult evaluate_assertion(const CompiledAssertion &assertion, const AssertionSpec &spec,
				   const SeriesIndex &index);

// Every [[assert]] of the scenario in order; one that does not compile gets Verdict::error.
std::vector<AssertionResult> evaluate_assertions(const Scenario &scenario, const MetricStore &store);

// How values appear in expected_text and detail: up to 15 significant digits, "471859.2".
std::string format_value(double value);

}  // namespace kmh

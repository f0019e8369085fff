// The output formats of a run (`run`, each side of `ab`, each matrix cell): summary, TAP, KTAP, LAVA, result.json, junit.xml, kcidb.json, report.html.
#pragma once

#include "report/output_format.h"
#include "report/run_result.h"

namespace kmh {

const OutputTable<RunResult> &run_output_formats();

}  // namespace kmh

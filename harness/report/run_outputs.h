// The output formats of a run (`run`, each side of `ab`, each matrix cell): summary, TAP, result.json, junit.xml.
#pragma once

#include "report/output_format.h"
#include "report/run_result.h"

namespace kmh {

const OutputTable<RunResult> &run_output_formats();

}  // namespace kmh

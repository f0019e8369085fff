// The output formats of a comparison (`compare`, `ab`): the terminal table, JSON, Markdown, HTML.
#pragma once

#include "compare/compare_report.h"
#include "report/output_format.h"

namespace kmh {

// `compare` takes --<name> FILE for each file format; `ab` writes every one into its folder.
const OutputTable<CompareReport> &compare_output_formats();

}  // namespace kmh

// The comparison as Markdown, for a review comment.
#pragma once

#include <string>

#include "compare/compare_report.h"

namespace kmh {

std::string markdown_report(const CompareReport &report);

}  // namespace kmh

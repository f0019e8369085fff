// Line-by-line reading of /proc text files: numbered lines, fields, counts and malformed-line errors.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace kmh {

struct ProcLine {
	std::string_view source;  // the file the text came from, e.g. "/proc/pagetypeinfo"
	int number = 0;           // 1-based
	std::string_view text;
};

// The lines of `text` without their newlines; the views point into `text`.
std::vector<ProcLine> split_proc_lines(const std::string &text, std::string_view source);

// The non-empty fields of `text` separated by any of `separators`.
std::vector<std::string_view> split_fields(std::string_view text, std::string_view separators = " \t");

// The run_failed error for a line that does not have the expected shape; `expected` says what
// the line should look like.
Error malformed_proc_line(const ProcLine &line, const std::string &expected);

// A decimal integer field (an optional minus sign, then digits); anything else is malformed.
double parse_proc_count(std::string_view field, const ProcLine &line);

}  // namespace kmh

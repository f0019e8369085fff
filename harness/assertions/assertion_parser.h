// Parsing of assertion expressions such as "pcp.drain.events{cpu=1} >= 0.9 * workload.x.pages".
#pragma once

#include <cstddef>
#include <string>

#include "assertions/assertion_ast.h"
#include "assertions/assertion_syntax_error.h"

namespace kmh {

// Bounds that keep every walk of the tree (printing, evaluating, freeing) shallow; docs/assertions.md.
inline constexpr std::size_t max_expression_length = 4096;  // characters
inline constexpr int max_expression_depth = 128;             // nesting levels and tree height
inline constexpr std::size_t max_label_regex_length = 256;   // characters of one =~ or !~ pattern
inline constexpr std::size_t max_regex_count_digits = 5;     // digits of one {n} or {n,m} count

// The grammar is in docs/assertions.md. Label regexes are compiled here, once.
// Throws AssertionSyntaxError with the 1-based column of the offending text.
CompiledAssertion compile_assertion(const std::string &expr);

}  // namespace kmh

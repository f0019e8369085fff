// Parsing of assertion expressions such as "pcp.drain.events{cpu=1} >= 0.9 * workload.x.pages".
#pragma once

#include <string>

#include "assertions/assertion_ast.h"
#include "assertions/assertion_syntax_error.h"

namespace kmh {

// The grammar is in docs/assertions.md. Label regexes are compiled here, once.
// Throws AssertionSyntaxError with the 1-based column of the offending text.
CompiledAssertion compile_assertion(const std::string &expr);

}  // namespace kmh

// The outcome of one evaluated assertion, as the report stage shows it.
#pragma once

#include <string>

#include "scenario/source_location.h"

namespace kmh {

enum class Verdict { pass, fail, error };

inline const char *verdict_name(Verdict verdict)
{
	switch (verdict) {
	case Verdict::pass:
		return "pass";
	case Verdict::fail:
		return "fail";
	case Verdict::error:
		return "error";
	}
	return "error";
}

struct AssertionResult {
	std::string name;
	std::string expr;
	std::string message;   // the scenario's own explanation, if any
	double observed = 0;   // value of the left-hand side
	double expected = 0;   // value of the right-hand side
	std::string expected_text;  // e.g. ">= 471859.2" or "== 100 within 10%"
	std::string detail;    // how each side was computed, or why it could not be
	Verdict verdict = Verdict::error;
	SourceLocation where;
};

}  // namespace kmh

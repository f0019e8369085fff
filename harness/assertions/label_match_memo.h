// Remembered outcomes of regex label terms: label values repeat across thousands of series.
#pragma once

#include <string>
#include <unordered_map>

#include "metrics/label_matcher.h"

namespace kmh {

// Answers LabelMatcher::matches(); a regex term runs once per distinct label value. Keyed by the
// matcher's address, so the matchers must outlive the memo (one memo per evaluation).
class LabelMatchMemo {
public:
	bool matches(const LabelMatcher &matcher, const Labels &labels);

private:
	std::unordered_map<const LabelMatcher *, std::unordered_map<std::string, bool>> outcomes_;
};

}  // namespace kmh

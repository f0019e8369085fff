// A label selector term such as cpu=1, scope!=system or migratetype=~"UNMOVABLE|MOVABLE".
#pragma once

#include <regex>
#include <string>

#include "metrics/metric.h"

namespace kmh {

enum class MatchOp { equal, not_equal, regex, not_regex };

class LabelMatcher {
public:
	// Throws std::regex_error for an invalid pattern or one with back-references; patterns are
	// matched breadth-first (common/input_regex.h).
	LabelMatcher(std::string key, MatchOp op, std::string value);

	bool matches(const Labels &labels) const;
	const std::string &key() const { return key_; }
	MatchOp op() const { return op_; }
	const std::string &value() const { return value_; }
	std::string to_string() const;

private:
	std::string key_;
	MatchOp op_;
	std::string value_;
	std::regex pattern_;
};

}  // namespace kmh

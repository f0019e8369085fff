// Matching of one selector term against a metric's labels; a missing label reads as "".
#include "metrics/label_matcher.h"

#include "common/input_regex.h"

namespace kmh {

LabelMatcher::LabelMatcher(std::string key, MatchOp op, std::string value)
	: key_(std::move(key)), op_(op), value_(std::move(value))
{
	if (op_ == MatchOp::regex || op_ == MatchOp::not_regex)
		pattern_ = std::regex(value_, input_regex);
}

bool LabelMatcher::matches(const Labels &labels) const
{
	auto found = labels.find(key_);
	const std::string &actual = found == labels.end() ? std::string() : found->second;
	switch (op_) {
	case MatchOp::equal:
		return actual == value_;
	case MatchOp::not_equal:
		return actual != value_;
	case MatchOp::regex:
		return std::regex_match(actual, pattern_);
	case MatchOp::not_regex:
		return !std::regex_match(actual, pattern_);
	}
	return false;
}

std::string LabelMatcher::to_string() const
{
	static const char *const op_text[] = {"=", "!=", "=~", "!~"};
	bool quoted = op_ == MatchOp::regex || op_ == MatchOp::not_regex;
	std::string shown = quoted ? "\"" + value_ + "\"" : value_;
	return key_ + op_text[static_cast<int>(op_)] + shown;
}

}  // namespace kmh

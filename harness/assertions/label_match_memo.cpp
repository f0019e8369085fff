// Memoized label matching.
#include "assertions/label_match_memo.h"

namespace kmh {

bool LabelMatchMemo::matches(const LabelMatcher &matcher, const Labels &labels)
{
	if (matcher.op() == MatchOp::equal || matcher.op() == MatchOp::not_equal)
		return matcher.matches(labels);
	static const std::string absent;
	auto label = labels.find(matcher.key());
	const std::string &value = label == labels.end() ? absent : label->second;
	std::unordered_map<std::string, bool> &seen = outcomes_[&matcher];
	auto known = seen.find(value);
	if (known != seen.end())
		return known->second;
	bool outcome = matcher.matches(labels);
	seen.emplace(value, outcome);
	return outcome;
}

}  // namespace kmh

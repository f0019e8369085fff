// Spelling help for error messages: edit distance with transpositions, case ignored.
#include "common/suggestion.h"

#include <algorithm>
#include <cctype>

namespace kmh {

namespace {

std::string lowercase(std::string_view word)
{
	std::string lower(word);
	std::transform(lower.begin(), lower.end(), lower.begin(),
		       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
	return lower;
}

// Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.
std::size_t edit_distance(const std::string &a, const std::string &b)
{
	std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
	for (std::size_t i = 0; i <= a.size(); i++)
		d[i][0] = i;
	for (std::size_t j = 0; j <= b.size(); j++)
		d[0][j] = j;
	for (std::size_t i = 1; i <= a.size(); i++) {
		for (std::size_t j = 1; j <= b.size(); j++) {
			std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			d[i][j] = std::min({ d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost });
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
				d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
		}
	}
	return d[a.size()][b.size()];
}

// Short words only match when they differ in case: "x" is not a typo of "B".
std::size_t tolerated_distance(std::string_view word)
{
	if (word.size() <= 2)
		return 0;
	return std::clamp<std::size_t>(word.size() / 3, 1, 3);
}

}  // namespace

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string> &candidates)
{
	const std::string lower = lowercase(word);
	std::optional<std::string> best;
	std::size_t best_distance = tolerated_distance(word) + 1;
	for (const std::string &candidate : candidates) {
		std::size_t distance = edit_distance(lower, lowercase(candidate));
		if (distance < best_distance) {
			best = candidate;
			best_distance = distance;
		}
	}
	return best;
}

std::string quoted_list(const std::vector<std::string> &words)
{
	std::string list;
	for (const std::string &word : words) {
		if (!list.empty())
			list += ", ";
		list += "'" + word + "'";
	}
	return list;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string> &candidates)
{
	std::optional<std::string> match = closest_match(word, candidates);
	return match ? "; did you mean '" + *match + "'?" : "";
}

}  // namespace kmh

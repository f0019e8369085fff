// Reading series and flavour out of a Debian kernel release, and the SERIES[-FLAVOUR] notation.
#include "vm/kernel_choice.h"

#include <algorithm>
#include <cctype>
#include <regex>

#include "common/error.h"
#include "common/input_regex.h"

namespace kmh {

namespace {

constexpr std::string_view arch_suffix = "-amd64";

bool is_word(const std::string &text)
{
	return !text.empty() &&
	       std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::islower(c) != 0; });
}

}  // namespace

std::string series_of(const std::string &release)
{
	std::smatch match;
	if (std::regex_search(release, match, std::regex("^[0-9]+\\.[0-9]+", input_regex)))
		return match.str();
	return "";
}

std::string flavour_of(const std::string &release)
{
	std::string stem = release.ends_with(arch_suffix) ? release.substr(0, release.size() - arch_suffix.size())
							  : release;
	std::size_t dash = stem.rfind('-');
	std::string last_word = dash == std::string::npos ? "" : stem.substr(dash + 1);
	return is_word(last_word) ? last_word : "generic";
}

bool matches(const KernelChoice &choice, const std::string &release)
{
	return (choice.series.empty() || series_of(release) == choice.series) && flavour_of(release) == choice.flavour;
}

KernelChoice parse_kernel_choice(const std::string &text)
{
	std::smatch match;
	if (!std::regex_match(text, match, std::regex("([0-9]+\\.[0-9]+)(-([a-z]+))?", input_regex)))
		throw invalid_input("'" + text + "' is not SERIES[-FLAVOUR], e.g. 6.1, 6.12 or 6.1-rt");
	return {match.str(1), match[3].matched ? match.str(3) : "generic"};
}

std::string describe(const KernelChoice &choice)
{
	return choice.flavour + (choice.series.empty() ? " (any series)" : " " + choice.series);
}

}  // namespace kmh

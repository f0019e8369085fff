// Splitting a guest's console at /init's "kmemharness-scenario-begin <index>" lines.
#include "vm/scenario_console.h"

#include <charconv>
#include <optional>

#include "vm/guest_init.h"

namespace kmh {

namespace {

std::optional<std::size_t> begun_index(const std::string &line)
{
	const std::string prefix = guest_scenario_begin_prefix;
	if (!line.starts_with(prefix))
		return std::nullopt;
	std::size_t index = 0;
	const char *first = line.data() + prefix.size();
	const char *last = line.data() + line.size();
	auto [end, error] = std::from_chars(first, last, index);
	if (error != std::errc() || end != last || first == last)
		return std::nullopt;
	return index;
}

}  // namespace

std::vector<std::string> boot_console(const std::vector<std::string> &console)
{
	std::vector<std::string> lines;
	for (const std::string &line : console) {
		if (begun_index(line))
			break;
		lines.push_back(line);
	}
	return lines;
}

std::vector<ScenarioConsole> split_console_by_scenario(const std::vector<std::string> &console)
{
	std::vector<ScenarioConsole> parts;
	for (std::size_t position = 0; position < console.size(); position++) {
		if (std::optional<std::size_t> index = begun_index(console[position]))
			parts.push_back({ *index, position + 1, {} });
		else if (!parts.empty())
			parts.back().lines.push_back(console[position]);
	}
	return parts;
}

}  // namespace kmh

// Line-by-line reading of /proc text files.
#include "system/proc_text.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace kmh {

std::vector<ProcLine> split_proc_lines(const std::string &text, std::string_view source)
{
	std::vector<ProcLine> lines;
	std::string_view rest = text;
	int number = 1;
	while (!rest.empty()) {
		std::size_t end = rest.find('\n');
		std::string_view line = rest.substr(0, end);
		lines.push_back({source, number++, line});
		rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
	}
	return lines;
}

std::vector<std::string_view> split_fields(std::string_view text, std::string_view separators)
{
	std::vector<std::string_view> fields;
	std::size_t start = text.find_first_not_of(separators);
	while (start != std::string_view::npos) {
		std::size_t end = text.find_first_of(separators, start);
		fields.push_back(text.substr(start, end - start));
		start = end == std::string_view::npos ? end : text.find_first_not_of(separators, end);
	}
	return fields;
}

Error malformed_proc_line(const ProcLine &line, const std::string &expected)
{
	return run_error(std::string(line.source) + " line " + std::to_string(line.number) + " is malformed: \"" +
			 std::string(line.text) + "\"; expected " + expected);
}

double parse_proc_count(std::string_view field, const ProcLine &line)
{
	std::string_view digits = field.substr(field.starts_with('-') ? 1 : 0);
	bool all_digits = !digits.empty() &&
			  std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); });
	double value = 0;
	if (all_digits && std::from_chars(field.data(), field.data() + field.size(), value).ec == std::errc())
		return value;
	throw malformed_proc_line(line, "a decimal integer where \"" + std::string(field) + "\" stands");
}

}  // namespace kmh

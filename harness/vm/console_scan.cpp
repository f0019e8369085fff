// Matching kernel crash messages in console lines.
#include "vm/console_scan.h"

#include <array>

namespace kmh {

namespace {

constexpr std::array<std::string_view, 5> crash_signs = { "Oops:", "BUG:", "kernel BUG at", "Kernel panic",
							   "general protection fault" };

// "[    3.245363] " -> the text after it; npos when the line has no printk time stamp.
std::size_t message_start(std::string_view line)
{
	if (!line.starts_with("["))
		return std::string_view::npos;
	std::size_t close = line.find("] ");
	if (close == std::string_view::npos)
		return std::string_view::npos;
	for (char c : line.substr(1, close - 1))
		if (c != ' ' && c != '.' && (c < '0' || c > '9'))
			return std::string_view::npos;
	return close + 2;
}

}  // namespace

bool is_kernel_message(std::string_view line)
{
	return message_start(line) != std::string_view::npos;
}

std::vector<std::string> split_interleaved_message(const std::string &line)
{
	if (is_kernel_message(line))
		return { line };
	for (std::size_t at = line.find('[', 1); at != std::string::npos; at = line.find('[', at + 1))
		if (is_kernel_message(std::string_view(line).substr(at)))
			return { line.substr(0, at), line.substr(at) };
	return { line };
}

bool is_crash_line(std::string_view line)
{
	std::size_t start = message_start(line);
	if (start == std::string_view::npos)
		return false;
	std::string_view message = line.substr(start);
	for (std::string_view sign : crash_signs)
		if (message.find(sign) != std::string_view::npos)
			return true;
	return false;
}

std::vector<std::string> crash_excerpt(const std::vector<std::string> &console, std::size_t context)
{
	for (std::size_t i = 0; i < console.size(); i++) {
		if (!is_crash_line(console[i]))
			continue;
		std::size_t end = std::min(console.size(), i + 1 + context);
		return std::vector<std::string>(console.begin() + static_cast<std::ptrdiff_t>(i),
						console.begin() + static_cast<std::ptrdiff_t>(end));
	}
	return {};
}

std::string console_line(std::string_view raw)
{
	std::string line;
	for (std::size_t i = 0; i < raw.size(); i++) {
		if (raw[i] == '\033' && i + 1 < raw.size() && raw[i + 1] == '[') {
			i += 2;
			while (i < raw.size() && !(raw[i] >= '@' && raw[i] <= '~'))
				i++;
		} else if (raw[i] == '\t' || static_cast<unsigned char>(raw[i]) >= ' ') {
			line += raw[i];
		}
	}
	return line;
}

}  // namespace kmh

// libbpf print callback that keeps the most recent messages for error reports.
#include "collect/bpf/libbpf_log.h"

#include <bpf/libbpf.h>

#include <cstdarg>
#include <cstdio>
#include <deque>
#include <mutex>
#include <sstream>

namespace kmh {

namespace {

std::mutex log_mutex;
std::deque<std::string> log_lines;
bool log_verbose = false;
constexpr std::size_t kept_lines = 200;

constexpr std::size_t kept_message_tail = 4096;

// A verifier log arrives as one long message whose last lines say what failed: keep its end.
std::string formatted(const char *format, va_list args)
{
	va_list again;
	va_copy(again, args);
	int length = vsnprintf(nullptr, 0, format, again);
	va_end(again);
	std::string text(length > 0 ? static_cast<std::size_t>(length) : 0, '\0');
	vsnprintf(text.data(), text.size() + 1, format, args);
	if (text.size() > kept_message_tail)
		text = "[...]" + text.substr(text.size() - kept_message_tail);
	return text;
}

int on_libbpf_print(enum libbpf_print_level level, const char *format, va_list args)
{
	std::string line = formatted(format, args);
	if (log_verbose)
		fputs(line.c_str(), stderr);
	if (level == LIBBPF_DEBUG && !log_verbose)
		return 0;
	std::lock_guard<std::mutex> lock(log_mutex);
	log_lines.emplace_back(line);
	if (log_lines.size() > kept_lines)
		log_lines.pop_front();
	return 0;
}

}  // namespace

void capture_libbpf_log(bool verbose)
{
	log_verbose = verbose;
	libbpf_set_print(on_libbpf_print);
}

std::string take_libbpf_log(std::size_t max_lines)
{
	std::lock_guard<std::mutex> lock(log_mutex);
	std::size_t skip = log_lines.size() > max_lines ? log_lines.size() - max_lines : 0;
	std::ostringstream text;
	for (std::size_t i = skip; i < log_lines.size(); ++i)
		text << log_lines[i];
	log_lines.clear();
	return text.str();
}

}  // namespace kmh

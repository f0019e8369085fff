// libbpf print callback that keeps the most recent messages for error reports.
#include "collect/libbpf_log.h"

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

int on_libbpf_print(enum libbpf_print_level level, const char *format, va_list args)
{
	char line[1024];
	vsnprintf(line, sizeof(line), format, args);
	if (log_verbose)
		fputs(line, stderr);
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

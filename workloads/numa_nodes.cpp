// Reading the kernel's node list and asking move_pages(2) where pages lie.
#include "workloads/numa_nodes.h"

#include <sys/syscall.h>
#include <unistd.h>

#include <charconv>

#include "common/error.h"
#include "system/errno_error.h"
#include "system/file_io.h"

namespace kmh {

namespace {

const char *const has_memory_file = "/sys/devices/system/node/has_memory";

// One node number at the start of `text`, which moves past it.
std::optional<int> take_node(std::string_view &text)
{
	int node = -1;
	auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), node);
	if (error != std::errc() || node < 0)
		return std::nullopt;
	text.remove_prefix(static_cast<std::size_t>(end - text.data()));
	return node;
}

// "3" or "0-1" at the start of `text` appended to `nodes`; false when it is neither.
bool take_range(std::string_view &text, std::vector<int> &nodes)
{
	std::optional<int> first = take_node(text);
	if (!first)
		return false;
	std::optional<int> last = first;
	if (text.starts_with('-')) {
		text.remove_prefix(1);
		last = take_node(text);
	}
	if (!last || *last < *first || (!nodes.empty() && *first <= nodes.back()))
		return false;
	for (int node = *first; node <= *last; node++)
		nodes.push_back(node);
	return true;
}

}  // namespace

std::optional<std::vector<int>> parse_node_list(const std::string &text)
{
	std::string_view rest(text);
	while (rest.ends_with('\n'))
		rest.remove_suffix(1);
	std::vector<int> nodes;
	while (take_range(rest, nodes)) {
		if (rest.empty())
			return nodes;
		if (!rest.starts_with(','))
			return std::nullopt;
		rest.remove_prefix(1);
	}
	return std::nullopt;
}

std::vector<int> memory_nodes()
{
	std::optional<std::string> text = read_text_file(has_memory_file);
	if (!text)
		return {0};
	std::optional<std::vector<int>> nodes = parse_node_list(*text);
	if (!nodes)
		throw environment_error(std::string(has_memory_file) + " is not a node list: '" + *text + "'");
	return *nodes;
}

std::vector<int> page_nodes(const std::vector<void *> &pages)
{
	std::vector<int> status(pages.size(), 0);
	long result = syscall(SYS_move_pages, 0, pages.size(), pages.data(), nullptr, status.data(), 0);
	if (result != 0)
		throw errno_error(ExitCode::run_failed, "move_pages(2) asking where pages lie");
	return status;
}

}  // namespace kmh

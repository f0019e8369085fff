// migrate_pages: fault pages in on one NUMA node, then move them to another with move_pages(2) or mbind(2).
#include <linux/mempolicy.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "common/error.h"
#include "system/errno_error.h"
#include "workloads/cpu_affinity.h"
#include "workloads/descriptors.h"
#include "workloads/memory_mapping.h"
#include "workloads/numa_nodes.h"
#include "workloads/option_specs.h"
#include "workloads/process_name.h"

namespace kmh {

namespace {

constexpr int highest_node_with_memory = -1;
constexpr int max_node = 63;  // one unsigned long of mbind(2) node mask

struct MigratePagesOptions {
	std::size_t bytes = 0;
	std::string method;  // "move_pages" or "mbind"
	int from_node = 0;
	int to_node = highest_node_with_memory;
	std::vector<int> cpus;
};

// mbind(2) on [data, data + bytes) with policy MPOL_BIND to `node`; flags MPOL_MF_MOVE moves the
// pages already there.
void bind_to_node(char *data, std::size_t bytes, int node, unsigned flags)
{
	unsigned long mask = 1UL << node;
	if (syscall(SYS_mbind, data, bytes, MPOL_BIND, &mask, max_node + 2, flags) != 0)
		throw errno_error(ExitCode::run_failed, fmt::format("mbind(2) binding {} bytes to node {}", bytes, node));
}

void move_to_node(const std::vector<void *> &pages, int node)
{
	std::vector<int> nodes(pages.size(), node);
	std::vector<int> status(pages.size(), 0);
	if (syscall(SYS_move_pages, 0, pages.size(), pages.data(), nodes.data(), status.data(), MPOL_MF_MOVE) < 0)
		throw errno_error(ExitCode::run_failed, fmt::format("move_pages(2) moving {} pages to node {}", pages.size(), node));
}

void require_memory_node(const char *option, int node, const std::vector<int> &nodes)
{
	if (std::find(nodes.begin(), nodes.end(), node) == nodes.end())
		throw environment_error(fmt::format("option {} = {}: this machine has no memory on node {} (nodes with memory: {})",
						    option, node, node, fmt::join(nodes, ",")));
}

class MigratePages : public Workload {
public:
	explicit MigratePages(MigratePagesOptions options) : options_(std::move(options)) {}

	// Faults every page in on from_node (MPOL_BIND), outside the measured window.
	void prepare() override
	{
		restrict_current_thread_to_cpus(options_.cpus);
		name_current_process(options_.method);
		nodes_ = memory_nodes();
		to_node_ = options_.to_node == highest_node_with_memory ? nodes_.back() : options_.to_node;
		require_memory_node("from_node", options_.from_node, nodes_);
		require_memory_node("to_node", to_node_, nodes_);
		mapping_.emplace(Mapping::anonymous(options_.bytes, HugePages::forbid));
		bind_to_node(mapping_->data(), options_.bytes, options_.from_node, 0);
		mapping_->touch(page_size());
		for (std::size_t offset = 0; offset < options_.bytes; offset += page_size())
			pages_.push_back(mapping_->data() + offset);
	}

	std::vector<WorkloadMetric> run() override
	{
		std::vector<int> before = page_nodes(pages_);
		auto started = std::chrono::steady_clock::now();
		if (options_.method == "mbind")
			bind_to_node(mapping_->data(), options_.bytes, to_node_, MPOL_MF_MOVE);
		else
			move_to_node(pages_, to_node_);
		std::chrono::nanoseconds spent = std::chrono::steady_clock::now() - started;
		std::vector<int> after = page_nodes(pages_);
		std::size_t to_move = 0, moved = 0;
		for (std::size_t i = 0; i < pages_.size(); i++) {
			to_move += before[i] != to_node_;
			moved += before[i] != to_node_ && after[i] == to_node_;
		}
		return {
			{"pages", {}, double(pages_.size())},
			{"nodes", {}, double(nodes_.size())},
			{"from_node", {}, double(options_.from_node)},
			{"to_node", {}, double(to_node_)},
			{"pages_to_move", {}, double(to_move)},
			{"pages_moved", {}, double(moved)},
			{"pages_not_moved", {}, double(to_move - moved)},
			{"move_ns", {}, double(spent.count())},
		};
	}

	void cleanup() override { mapping_.reset(); }

private:
	MigratePagesOptions options_;
	std::vector<int> nodes_;
	int to_node_ = 0;
	std::optional<Mapping> mapping_;
	std::vector<void *> pages_;
};

void check_options(const WorkloadContext &context)
{
	require_multiple_of("bytes", context.options->integer("bytes"), page_size());
}

MigratePagesOptions read_options(const WorkloadContext &context)
{
	const OptionValues &values = *context.options;
	check_options(context);
	require_online_cpus(context.cpus);
	return {
		.bytes = static_cast<std::size_t>(values.integer("bytes")),
		.method = values.string("method"),
		.from_node = static_cast<int>(values.integer("from_node")),
		.to_node = static_cast<int>(values.integer("to_node")),
		.cpus = context.cpus,
	};
}

// move_pages(2) and mbind(2) answer ENOSYS on a kernel without NUMA or page migration.
std::optional<std::string> unsupported_reason()
{
	if (syscall(SYS_move_pages, 0, 0, nullptr, nullptr, nullptr, 0) != 0)
		return std::string("move_pages(2) failed (") + std::strerror(errno) +
		       "): a kernel without CONFIG_NUMA or CONFIG_MIGRATION";
	return std::nullopt;
}

}  // namespace

WorkloadDescriptor describe_migrate_pages()
{
	return {
		.schema = {
			.kind = "migrate_pages",
			.summary = "fault pages in on from_node, then move them to to_node with move_pages(2) or "
				   "mbind(2) MPOL_MF_MOVE: each page found elsewhere than to_node is migrated once",
			.options = {
				size_option("bytes", "anonymous memory faulted in on from_node before measuring (a multiple "
					    "of the page size, base pages only)", 4 * MiB, 4 * KiB, 1 * GiB),
				choice_option("method", "move_pages: move_pages(2) with every page's target to_node "
					      "(reason syscall); mbind: mbind(2) MPOL_BIND to to_node with MPOL_MF_MOVE "
					      "(reason mempolicy_mbind)", "move_pages", {"move_pages", "mbind"}),
				integer_option("from_node", "the node the pages are faulted in on (mbind(2) MPOL_BIND)", 0, 0,
					       max_node),
				integer_option("to_node", "the node they are moved to; -1: the highest-numbered node with "
					       "memory, from_node itself on a one-node machine", highest_node_with_memory,
					       highest_node_with_memory, max_node),
			},
			.metrics = {
				{"pages", "pages faulted in on from_node", {}},
				{"nodes", "NUMA nodes with memory (/sys/devices/system/node/has_memory)", {}},
				{"from_node", "the node the pages were faulted in on", {}},
				{"to_node", "the node they were moved to", {}},
				{"pages_to_move", "pages on another node than to_node just before the move (move_pages(2) "
						  "without targets): what the kernel has to migrate", {}},
				{"pages_moved", "of those, pages on to_node after the move", {}},
				{"pages_not_moved", "pages_to_move - pages_moved", {}},
				{"move_ns", "wall-clock time of the move_pages(2) or mbind(2) call, in ns", {}},
			},
			.check = check_options,
		},
		.unsupported_reason = unsupported_reason,
		.memory_need = [](const OptionValues &values) { return values.integer("bytes"); },
		.create = [](const WorkloadContext &context) -> std::unique_ptr<Workload> {
			return std::make_unique<MigratePages>(read_options(context));
		},
	};
}

}  // namespace kmh

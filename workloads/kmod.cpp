// kmod: kernel allocations (kmalloc, kmem_cache, vmalloc, alloc_pages) requested from the kmemharness module.
#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "common/error.h"
#include "system/errno_error.h"
#include "workloads/cpu_affinity.h"
#include "workloads/descriptors.h"
#include "workloads/kmod_request.h"
#include "workloads/option_specs.h"

namespace kmh {

namespace {

const char *const control_path = "/sys/kernel/debug/kmemharness/control";
const std::size_t reply_capacity = 1024;

// The module's control file, opened once in prepare() so that the kernel's per-open buffers are
// allocated before measuring starts. Each request's reply is read back through the same file.
class ControlFile {
public:
	ControlFile()
	{
		fd_ = open(control_path, O_RDWR | O_CLOEXEC);
		if (fd_ < 0 && errno == ENOENT)
			throw environment_error(fmt::format("the kmemharness module is not loaded (no {}; the harness loads "
							    "kmod_workloads/kmemharness.ko and mounts debugfs before "
							    "kmod workloads start)", control_path));
		if (fd_ < 0)
			throw errno_error(ExitCode::environment, fmt::format("cannot open {}", control_path));
	}
	~ControlFile() { close(fd_); }
	ControlFile(const ControlFile &) = delete;
	ControlFile &operator=(const ControlFile &) = delete;

	// Writes `line`; returns 0 or the errno of the failed write, and the module's reply.
	std::pair<int, KmodReply> send(const std::string &line)
	{
		int error = write(fd_, line.data(), line.size()) < 0 ? errno : 0;
		return {error, read_reply()};
	}

private:
	KmodReply read_reply()
	{
		std::array<char, reply_capacity> buffer{};
		ssize_t length = pread(fd_, buffer.data(), buffer.size() - 1, 0);
		return parse_reply(length > 0 ? std::string(buffer.data(), length) : std::string());
	}

	int fd_ = -1;
};

Error refusal(const std::string &line, int error, const KmodReply &reply)
{
	std::string message = fmt::format("kmemharness refused '{}': {} ({})", line, reply.reason, std::strerror(error));
	if (error == EINVAL || error == E2BIG)
		return invalid_input(message);
	return run_error(message);
}

struct KmodOptions {
	KmodRequest request;               // the measured request
	std::optional<KmodRequest> cache;  // cache_create in prepare(), cache_destroy in cleanup()
};

class Kmod : public Workload {
public:
	explicit Kmod(KmodOptions options) : options_(std::move(options)) {}
	~Kmod() override
	{
		try {
			cleanup();
		} catch (const std::exception &) {
			// Unload frees whatever is left.
		}
	}

	void prepare() override
	{
		control_.emplace();
		if (options_.cache) {
			send(*options_.cache);
			cache_created_ = true;
		}
	}

	std::vector<WorkloadMetric> run() override
	{
		KmodReply reply = send(options_.request);
		holding_ = !options_.request.hold.empty();
		std::vector<WorkloadMetric> metrics;
		for (const char *name : { "count", "bytes", "bytes_alloc", "ns", "free_ns", "vmalloced" }) {
			auto value = reply.values.find(name);
			if (value != reply.values.end())
				metrics.push_back({ name == std::string("count") ? "requested" : name, {}, std::stod(value->second) });
		}
		return metrics;
	}

	void cleanup() override
	{
		if (holding_)
			release_held();
		if (cache_created_) {
			KmodRequest destroy = *options_.cache;
			destroy.op = KmodOp::cache_destroy;
			cache_created_ = false;
			send(destroy);
		}
	}

private:
	KmodReply send(const KmodRequest &request)
	{
		std::string line = format_request(request);
		auto [error, reply] = control_->send(line);
		if (error != 0)
			throw refusal(line, error, reply);
		return reply;
	}

	// Another workload may have released the tag already (op = "release"): not an error.
	void release_held()
	{
		KmodRequest release{ .op = KmodOp::release, .free_cpu = options_.request.free_cpu, .tag = options_.request.hold };
		holding_ = false;
		std::string line = format_request(release);
		auto [error, reply] = control_->send(line);
		if (error != 0 && error != ENOENT)
			throw refusal(line, error, reply);
	}

	KmodOptions options_;
	std::optional<ControlFile> control_;
	bool cache_created_ = false;
	bool holding_ = false;
};

KmodOp op_from_name(const std::string &name)
{
	if (name == "kmalloc")
		return KmodOp::kmalloc;
	if (name == "cache_alloc")
		return KmodOp::cache_alloc;
	if (name == "vmalloc")
		return KmodOp::vmalloc;
	if (name == "alloc_pages")
		return KmodOp::alloc_pages;
	if (name == "crash")
		return KmodOp::crash;
	return KmodOp::release;
}

std::optional<KmodRequest> cache_request(const OptionValues &values, KmodOp op)
{
	const std::string &cache = values.string("cache");
	if (op != KmodOp::cache_alloc && !cache.empty())
		throw invalid_input("kmod: option cache applies to op = \"cache_alloc\" only");
	if (op != KmodOp::cache_alloc)
		return std::nullopt;
	if (cache.empty())
		throw invalid_input("kmod: op = \"cache_alloc\" needs option cache (the tag of the cache to create)");
	return KmodRequest{ .op = KmodOp::cache_create, .cache = cache, .object_size = values.integer("object_size"),
			    .align = values.integer("align"), .flags = values.string("flags") };
}

KmodRequest measured_request(const WorkloadContext &context, KmodOp op)
{
	const OptionValues &values = *context.options;
	if (op == KmodOp::release && values.boolean("hold"))
		throw invalid_input("kmod: op = \"release\" cannot hold");
	if (op != KmodOp::release && !values.string("release_tag").empty())
		throw invalid_input("kmod: option release_tag applies to op = \"release\" only");
	if (op != KmodOp::alloc_pages && values.boolean("sieve"))
		throw invalid_input("kmod: option sieve applies to op = \"alloc_pages\" only");
	return {
		.op = op,
		.count = values.integer("count"),
		.cpu = static_cast<int>(values.integer("cpu")),
		.free_cpu = static_cast<int>(values.integer("free_cpu")),
		.hold = values.boolean("hold") ? context.name : std::string(),
		.size = values.integer("size"),
		.gfp = values.string("gfp"),
		.zero = values.boolean("zero"),
		.cache = values.string("cache"),
		.variant = values.string("variant"),
		.order = values.integer("order"),
		.sieve = values.boolean("sieve"),
		.tag = values.string("release_tag"),
	};
}

// Checks every request the workload will write, so a bad option fails before anything runs.
KmodOptions checked_options(const WorkloadContext &context)
{
	const OptionValues &values = *context.options;
	KmodOp op = op_from_name(values.string("op"));
	KmodOptions options{ measured_request(context, op), cache_request(values, op) };
	format_request(options.request);
	if (options.cache)
		format_request(*options.cache);
	return options;
}

KmodOptions read_options(const WorkloadContext &context)
{
	KmodOptions options = checked_options(context);
	require_online_cpu(options.request.cpu);
	if (options.request.free_cpu >= 0)
		require_online_cpu(options.request.free_cpu);
	return options;
}

}  // namespace

WorkloadDescriptor describe_kmod()
{
	return {
		.schema = {
			.kind = "kmod",
			.summary = "ask the kmemharness kernel module for count kernel allocations (kmalloc, a kmem_cache, "
				   "vmalloc or alloc_pages) on one CPU's worker kthread, freed at once on free_cpu's worker "
				   "or held until cleanup; see docs/kmod.md",
			.options = {
				choice_option("op", "the allocator to call (crash: BUG() in the kernel, to test crash reports)", "kmalloc",
					      { "kmalloc", "cache_alloc", "vmalloc", "alloc_pages", "release", "crash" }),
				size_option("size", "bytes per object: kmalloc 1..4MiB, vmalloc 4KiB..256MiB", 64, 1,
					    kmod_max_vmalloc_size),
				integer_option("count", "objects to allocate", 1, 1, kmod_max_count),
				string_option("gfp", "GFP flags joined with |: exactly one of GFP_KERNEL GFP_KERNEL_ACCOUNT "
					      "GFP_NOWAIT GFP_ATOMIC GFP_HIGHUSER_MOVABLE, plus __GFP_RECLAIMABLE __GFP_ZERO "
					      "__GFP_NOWARN __GFP_COMP __GFP_MOVABLE (movable ones for alloc_pages only)",
					      std::string("GFP_KERNEL")),
				boolean_option("zero", "kzalloc / kmem_cache_zalloc instead of kmalloc / kmem_cache_alloc", false),
				string_option("cache", "op cache_alloc: tag of the cache this workload creates in prepare() "
					      "(kernel name kmh_<tag>) and destroys in cleanup()", std::string()),
				integer_option("object_size", "op cache_alloc: the cache's object size", 64,
					       kmod_min_object_size, kmod_max_object_size),
				integer_option("align", "op cache_alloc: the cache's alignment, 0 or a power of 2", 0, 0,
					       kmod_max_align),
				string_option("flags", "op cache_alloc: the cache's flags joined with |: SLAB_RECLAIM_ACCOUNT "
					      "SLAB_ACCOUNT SLAB_HWCACHE_ALIGN; empty: none", std::string()),
				choice_option("variant", "op vmalloc: the function to call", "vmalloc",
					      { "vmalloc", "vzalloc", "kvmalloc" }),
				integer_option("order", "op alloc_pages: the page order", 0, 0, kmod_max_order),
				boolean_option("sieve", "op alloc_pages, order >= 1: split each block and free all of it at "
					       "once but its second page, which is the object kept; the freed pages stay "
					       "free buddies of orders 0 to order - 1 while it is held", false),
				integer_option("cpu", "the CPU whose worker kthread allocates", 0, 0, 4095),
				integer_option("free_cpu", "the CPU whose worker frees (cross-CPU free); -1: cpu", -1, -1, 4095),
				boolean_option("hold", "keep the objects from run() until cleanup(), i.e. through the harness's "
					       "after snapshot; the workload's name is the tag", false),
				string_option("release_tag", "op release: the tag (workload name) whose held objects to free",
					      std::string()),
			},
			.metrics = {
				{ "requested", "objects allocated (the request's count)", {} },
				{ "bytes", "bytes requested: count x size (cache: object slot size; pages: 4096 << order, "
					   "with sieve 4096: the page kept)", {} },
				{ "bytes_alloc", "bytes the allocator handed out (ksize for kmalloc), as the kmem tracepoints' "
						 "bytes_alloc; not for op release", {} },
				{ "ns", "nanoseconds the worker spent allocating (op release: freeing)", {} },
				{ "free_ns", "nanoseconds the worker spent freeing, when not held", {} },
				{ "vmalloced", "variant kvmalloc: how many of the objects came from vmalloc", {} },
			},
			.check = [](const WorkloadContext &context) { checked_options(context); },
		},
		.unsupported_reason = [] { return std::optional<std::string>(); },
		.memory_need = nullptr,  // the module refuses requests beyond its own memory budget
		.create = [](const WorkloadContext &context) -> std::unique_ptr<Workload> {
			return std::make_unique<Kmod>(read_options(context));
		},
	};
}

}  // namespace kmh

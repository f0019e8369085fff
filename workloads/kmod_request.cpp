// Builds and checks kmemharness control requests the way the module parses them; reads its replies.
#include "workloads/kmod_request.h"

#include <algorithm>
#include <sstream>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "common/error.h"

namespace kmh {

namespace {

const std::vector<std::string> gfp_bases = {
	"GFP_KERNEL", "GFP_KERNEL_ACCOUNT", "GFP_NOWAIT", "GFP_ATOMIC", "GFP_HIGHUSER_MOVABLE",
};
const std::vector<std::string> gfp_for_slab = {
	"GFP_KERNEL", "GFP_KERNEL_ACCOUNT", "GFP_NOWAIT", "GFP_ATOMIC",
	"__GFP_RECLAIMABLE", "__GFP_ZERO", "__GFP_NOWARN", "__GFP_COMP",
};
const std::vector<std::string> gfp_for_kvmalloc = { "GFP_KERNEL", "GFP_KERNEL_ACCOUNT", "__GFP_ZERO", "__GFP_NOWARN" };
const std::vector<std::string> gfp_for_pages = {
	"GFP_KERNEL", "GFP_KERNEL_ACCOUNT", "GFP_NOWAIT", "GFP_ATOMIC", "GFP_HIGHUSER_MOVABLE",
	"__GFP_RECLAIMABLE", "__GFP_ZERO", "__GFP_NOWARN", "__GFP_COMP", "__GFP_MOVABLE",
};
const std::vector<std::string> slab_flags = { "SLAB_RECLAIM_ACCOUNT", "SLAB_ACCOUNT", "SLAB_HWCACHE_ALIGN" };
const std::vector<std::string> vmalloc_variants = { "vmalloc", "vzalloc", "kvmalloc" };

bool contains(const std::vector<std::string> &list, const std::string &item)
{
	return std::find(list.begin(), list.end(), item) != list.end();
}

std::string trimmed(const std::string &text)
{
	std::size_t first = text.find_first_not_of(" \t");
	if (first == std::string::npos)
		return {};
	return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

std::vector<std::string> split(const std::string &text, char separator)
{
	std::vector<std::string> parts;
	std::istringstream stream(text);
	for (std::string part; std::getline(stream, part, separator);)
		parts.push_back(trimmed(part));
	return parts;
}

void require_range(const char *field, std::int64_t value, std::int64_t min, std::int64_t max)
{
	if (value < min || value > max)
		throw invalid_input(fmt::format("kmod: {} = {} is out of range, accepted {}..{}", field, value, min, max));
}

void require_tag(const char *field, const std::string &tag)
{
	bool allowed = std::all_of(tag.begin(), tag.end(), [](char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
	});
	if (tag.empty() || tag.size() > kmod_max_tag_length || !allowed)
		throw invalid_input(fmt::format("kmod: {} = '{}' is not a tag, accepted 1..{} of [A-Za-z0-9_-]", field, tag,
						kmod_max_tag_length));
}

// The gfp names, joined with '|' and no spaces, after checking them against `accepted`.
std::string checked_gfp(const std::string &gfp, const std::vector<std::string> &accepted)
{
	std::vector<std::string> names = split(gfp, '|');
	for (const std::string &name : names)
		if (!contains(accepted, name))
			throw invalid_input(fmt::format("kmod: gfp flag '{}' is not accepted here, accepted {} combined with |",
							name, fmt::join(accepted, " ")));
	if (std::count_if(names.begin(), names.end(), [](const std::string &name) { return contains(gfp_bases, name); }) != 1)
		throw invalid_input(fmt::format("kmod: gfp = '{}' needs exactly one of {}, modifiers added with |", gfp,
						fmt::join(gfp_bases, " ")));
	bool reclaimable = contains(names, "__GFP_RECLAIMABLE");
	bool movable = contains(names, "__GFP_MOVABLE") || contains(names, "GFP_HIGHUSER_MOVABLE");
	if (reclaimable && movable)
		throw invalid_input("kmod: __GFP_RECLAIMABLE cannot be combined with a movable gfp flag");
	return fmt::format("{}", fmt::join(names, "|"));
}

std::string checked_slab_flags(const std::string &flags)
{
	if (trimmed(flags).empty() || trimmed(flags) == "0")
		return "0";
	std::vector<std::string> names = split(flags, '|');
	for (const std::string &name : names)
		if (!contains(slab_flags, name))
			throw invalid_input(fmt::format("kmod: slab flag '{}' is not accepted, accepted {} combined with |", name,
							fmt::join(slab_flags, " ")));
	return fmt::format("{}", fmt::join(names, "|"));
}

// count, cpu, free_cpu and hold: what every allocating op takes.
std::string common_keys(const KmodRequest &request)
{
	require_range("count", request.count, 1, kmod_max_count);
	require_range("cpu", request.cpu, 0, INT32_MAX);
	require_range("free_cpu", request.free_cpu, -1, INT32_MAX);
	std::string keys = fmt::format(" count={} cpu={}", request.count, request.cpu);
	if (request.free_cpu >= 0)
		keys += fmt::format(" free_cpu={}", request.free_cpu);
	if (!request.hold.empty()) {
		require_tag("hold", request.hold);
		keys += " hold=" + request.hold;
	}
	return keys;
}

std::string zero_key(const KmodRequest &request)
{
	return request.zero ? " zero=1" : "";
}

void forbid_zero(const KmodRequest &request, const char *instead)
{
	if (request.zero)
		throw invalid_input(fmt::format("kmod: zero applies to kmalloc and cache_alloc; {}", instead));
}

std::string kmalloc_line(const KmodRequest &request)
{
	require_range("size", request.size, 1, kmod_max_kmalloc_size);
	return fmt::format("kmalloc{} size={} gfp={}{}", common_keys(request), request.size,
			   checked_gfp(request.gfp, gfp_for_slab), zero_key(request));
}

std::string cache_create_line(const KmodRequest &request)
{
	require_tag("cache", request.cache);
	require_range("object_size", request.object_size, kmod_min_object_size, kmod_max_object_size);
	bool power_of_two = (request.align & (request.align - 1)) == 0;
	if (request.align < 0 || request.align > kmod_max_align || !power_of_two)
		throw invalid_input(fmt::format("kmod: align = {} is not accepted, accepted 0 or a power of 2 up to {}",
						request.align, kmod_max_align));
	return fmt::format("cache_create name={} object_size={} align={} flags={}", request.cache, request.object_size,
			   request.align, checked_slab_flags(request.flags));
}

std::string cache_alloc_line(const KmodRequest &request)
{
	require_tag("cache", request.cache);
	return fmt::format("cache_alloc{} name={} gfp={}{}", common_keys(request), request.cache,
			   checked_gfp(request.gfp, gfp_for_slab), zero_key(request));
}

std::string vmalloc_line(const KmodRequest &request)
{
	require_range("size", request.size, kmod_min_vmalloc_size, kmod_max_vmalloc_size);
	if (!contains(vmalloc_variants, request.variant))
		throw invalid_input(fmt::format("kmod: variant = '{}' is not accepted, accepted {}", request.variant,
						fmt::join(vmalloc_variants, " ")));
	forbid_zero(request, "use variant = \"vzalloc\" or gfp __GFP_ZERO with kvmalloc");
	std::string line = fmt::format("vmalloc{} size={} variant={}", common_keys(request), request.size, request.variant);
	if (request.variant == "kvmalloc")
		return line + " gfp=" + checked_gfp(request.gfp, gfp_for_kvmalloc);
	if (trimmed(request.gfp) != "GFP_KERNEL")
		throw invalid_input(fmt::format("kmod: gfp applies to variant kvmalloc only; {} always uses GFP_KERNEL",
						request.variant));
	return line;
}

std::string alloc_pages_line(const KmodRequest &request)
{
	require_range("order", request.order, 0, kmod_max_order);
	forbid_zero(request, "use gfp __GFP_ZERO with alloc_pages");
	std::string gfp = checked_gfp(request.gfp, gfp_for_pages);
	if (request.sieve && request.order == 0)
		throw invalid_input("kmod: sieve needs order = 1 or more: it splits each block and keeps one page of it");
	if (request.sieve && contains(split(gfp, '|'), "__GFP_COMP"))
		throw invalid_input("kmod: sieve cannot take gfp __GFP_COMP: a compound page cannot be split");
	return fmt::format("alloc_pages{} order={} gfp={}{}", common_keys(request), request.order, gfp,
			   request.sieve ? " sieve=1" : "");
}

std::string release_line(const KmodRequest &request)
{
	require_tag("tag", request.tag);
	require_range("free_cpu", request.free_cpu, -1, INT32_MAX);
	if (request.free_cpu >= 0)
		return fmt::format("release tag={} free_cpu={}", request.tag, request.free_cpu);
	return "release tag=" + request.tag;
}

}  // namespace

std::string format_request(const KmodRequest &request)
{
	switch (request.op) {
	case KmodOp::kmalloc:
		return kmalloc_line(request);
	case KmodOp::cache_create:
		return cache_create_line(request);
	case KmodOp::cache_alloc:
		return cache_alloc_line(request);
	case KmodOp::cache_destroy:
		require_tag("cache", request.cache);
		return "cache_destroy name=" + request.cache;
	case KmodOp::vmalloc:
		return vmalloc_line(request);
	case KmodOp::alloc_pages:
		return alloc_pages_line(request);
	case KmodOp::release:
		return release_line(request);
	case KmodOp::crash:
		return "crash";
	}
	throw invalid_input("kmod: unknown op");
}

KmodReply parse_reply(const std::string &line)
{
	KmodReply reply;
	std::string text = trimmed(line.substr(0, line.find('\n')));
	std::vector<std::string> words = split(text, ' ');
	if (words.size() >= 2 && words[0] == "ok") {
		reply.ok = true;
		reply.op = words[1];
		for (std::size_t i = 2; i < words.size(); i++) {
			std::size_t equals = words[i].find('=');
			if (equals != std::string::npos)
				reply.values[words[i].substr(0, equals)] = words[i].substr(equals + 1);
		}
		return reply;
	}
	std::size_t colon = text.find(": ");
	if (words.size() >= 2 && words[0] == "error" && colon != std::string::npos) {
		reply.op = text.substr(6, colon - 6);
		reply.reason = text.substr(colon + 2);
		return reply;
	}
	reply.reason = text;
	return reply;
}

}  // namespace kmh

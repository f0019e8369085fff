// Choosing, attaching and detaching the programs of one attach variant.
#include "collect/bpf/attach_variant.h"

#include <bpf/libbpf.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "collect/bpf/libbpf_log.h"
#include "common/error.h"

namespace kmh {

const char *variant_name(AttachVariant variant)
{
	switch (variant) {
	case AttachVariant::tp_btf:
		return attach_mode_name(AttachMode::tp_btf);
	case AttachVariant::raw_tp:
		return attach_mode_name(AttachMode::raw_tp);
	case AttachVariant::tracepoint:
		return attach_mode_name(AttachMode::tracepoint);
	case AttachVariant::fentry:
		return "fentry";
	case AttachVariant::kprobe:
		return "kprobe";
	}
	return "?";
}

namespace {

// The function probe that stands in for a tracepoint variant a collector does not have.
AttachVariant function_counterpart(AttachVariant variant)
{
	return variant == AttachVariant::tp_btf ? AttachVariant::fentry : AttachVariant::kprobe;
}

}  // namespace

std::vector<AttachVariant> variants_to_try(AttachMode mode, const std::vector<AttachVariant> &preference)
{
	if (mode == AttachMode::automatic)
		return preference;
	AttachVariant forced = mode == AttachMode::tp_btf   ? AttachVariant::tp_btf
			       : mode == AttachMode::raw_tp ? AttachVariant::raw_tp
							    : AttachVariant::tracepoint;
	if (std::find(preference.begin(), preference.end(), forced) != preference.end())
		return {forced};
	return {function_counterpart(forced)};
}

ProgramName parse_program_name(const std::string &name)
{
	ProgramName parsed;
	std::size_t first = name.find("__");
	if (first == std::string::npos) {
		parsed.event = name;
		return parsed;
	}
	parsed.event = name.substr(0, first);
	std::size_t second = name.find("__", first + 2);
	parsed.variant = name.substr(first + 2, second == std::string::npos ? std::string::npos : second - first - 2);
	if (second != std::string::npos)
		parsed.layout = name.substr(second + 2);
	return parsed;
}

void select_programs(bpf_object *object, AttachVariant variant,
		     const std::function<bool(const ProgramName &)> &wanted)
{
	bpf_program *program;
	bpf_object__for_each_program(program, object)
	{
		ProgramName name = parse_program_name(bpf_program__name(program));
		bool companion = name.variant == any_variant;
		bool load = (companion || name.variant == variant_name(variant)) && wanted(name);
		bpf_program__set_autoload(program, load);
	}
}

std::vector<bpf_link *> attach_loaded_programs(bpf_object *object, std::vector<std::string> &attached)
{
	std::vector<bpf_link *> links;
	bpf_program *program;
	bpf_object__for_each_program(program, object)
	{
		if (!bpf_program__autoload(program))
			continue;
		bpf_link *link = bpf_program__attach(program);
		if (!link) {
			int error = errno;
			destroy_links(links);
			throw run_error(std::string("cannot attach BPF program ") + bpf_program__name(program) + " (" +
					bpf_program__section_name(program) + "): " + std::strerror(error) + "\n" +
					take_libbpf_log());
		}
		links.push_back(link);
		attached.push_back(bpf_program__section_name(program));
	}
	return links;
}

void destroy_links(std::vector<bpf_link *> &links)
{
	for (bpf_link *link : links)
		bpf_link__destroy(link);
	links.clear();
}

}  // namespace kmh

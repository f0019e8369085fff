// Attach variants (tp_btf, raw_tp, classic tracepoint) and choosing a skeleton's programs by variant.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "scenario/scenario.h"

struct bpf_object;
struct bpf_link;

namespace kmh {

enum class AttachVariant { tp_btf, raw_tp, tracepoint };

const char *variant_name(AttachVariant variant);

// Whether `name` is "tp_btf", "raw_tp" or "tracepoint".
bool is_attach_variant(const std::string &name);

// The variants to try, in order: the forced one alone, or the collector's preference.
std::vector<AttachVariant> variants_to_try(AttachMode mode, const std::vector<AttachVariant> &preference);

// A BPF program name "<event>__<variant>[__<layout>]", e.g. "kmalloc_node__tp_btf__sized".
struct ProgramName {
	std::string event;
	std::string variant;
	std::string layout;  // empty for programs that fit every kernel layout
};

ProgramName parse_program_name(const std::string &name);

// Autoload exactly the programs of `variant` that `wanted` accepts. Programs of no attach variant
// ("oom_kill_process__fentry": helpers that go with every variant) load whenever `wanted` accepts them.
void select_programs(bpf_object *object, AttachVariant variant,
		     const std::function<bool(const ProgramName &)> &wanted);

// Attach every loaded program; returns its links and fills `attached` with "event (section)".
// Throws kmh::run_error naming the program that could not attach.
std::vector<bpf_link *> attach_loaded_programs(bpf_object *object, std::vector<std::string> &attached);

void destroy_links(std::vector<bpf_link *> &links);

}  // namespace kmh

// Attach variants (tp_btf, raw_tp, classic tracepoint; fentry, kprobe) and choosing a skeleton's programs by variant.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "scenario/attach_mode.h"

struct bpf_object;
struct bpf_link;

namespace kmh {

// fentry and kprobe serve collectors that probe kernel functions rather than tracepoints.
enum class AttachVariant { tp_btf, raw_tp, tracepoint, fentry, kprobe };

// The tracepoint variants are named as the AttachMode that forces them ("tp_btf"); "fentry", "kprobe".
const char *variant_name(AttachVariant variant);

// The preference of collectors that watch a few system calls (mmap, shm): the per-call classic
// tracepoints first, since every other system call then runs no program; on raw sys_enter and
// sys_exit (tp_btf, raw_tp) every call of every task does (docs/metrics.md has the cost).
inline const std::vector<AttachVariant> syscall_variants = {AttachVariant::tracepoint, AttachVariant::tp_btf,
							    AttachVariant::raw_tp};

// A program named "<event>__any[__<layout>]" goes with every variant (e.g. an fentry program
// recording context for a tracepoint program, as the oom collector has).
inline constexpr const char *any_variant = "any";

// The variants to try, in order: the forced one alone, or the collector's preference. A forced
// mode the collector has no programs for picks its function-probe counterpart: BTF-typed fentry
// for tp_btf, kprobe for raw_tp and the classic tracepoint.
std::vector<AttachVariant> variants_to_try(AttachMode mode, const std::vector<AttachVariant> &preference);

// A BPF program name "<event>__<variant>[__<layout>]", e.g. "kmalloc_node__tp_btf__sized".
struct ProgramName {
	std::string event;
	std::string variant;
	std::string layout;  // empty for programs that fit every kernel layout
};

ProgramName parse_program_name(const std::string &name);

// Autoload exactly the programs of `variant` that `wanted` accepts. Programs of any_variant
// ("oom_kill_process__any__entry") load whenever `wanted` accepts them.
void select_programs(bpf_object *object, AttachVariant variant,
		     const std::function<bool(const ProgramName &)> &wanted);

// Attach every loaded program; returns its links and fills `attached` with "event (section)".
// Throws kmh::run_error naming the program that could not attach.
std::vector<bpf_link *> attach_loaded_programs(bpf_object *object, std::vector<std::string> &attached);

void destroy_links(std::vector<bpf_link *> &links);

}  // namespace kmh

// The parsed, validated scenario: plain data handed from scenario/ to the later stages.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scenario/attach_mode.h"
#include "scenario/option.h"
#include "scenario/source_location.h"

namespace kmh {

// Which events of a workload task count in scope=workload: task context only, or interrupts too.
enum class WorkloadContextMode { task, any };

struct Requirements {
	int cpus = 1;
	bool root = true;
	std::vector<std::string> features;          // "btf", "tp_btf", "cgroup2", "thp", "swap"
	std::vector<std::string> tracepoints;       // "kmem/mm_page_pcpu_drain"
	std::vector<std::string> tracepoint_fields; // "kmem/mm_page_alloc_zone_locked:percpu_refill"
	std::vector<std::string> kernel_functions;  // "free_pcppages_bulk": in BTF, and kprobes to probe it
	std::vector<std::string> kernel_symbols;    // "node_data": listed in /proc/kallsyms (data: CONFIG_KALLSYMS_ALL)
	std::vector<std::string> commands;          // "stress-ng"
	std::optional<std::int64_t> max_memory_bytes;  // MemTotal at most this; none: any
	SourceLocation where;
};

struct WorkloadSpec {
	std::string name;  // unique in the scenario; metrics are workload.<name>.<metric>
	std::string kind;  // a registered workload kind
	int phase = 1;     // phases run in ascending order; workloads of one phase run in parallel
	std::vector<int> cpus;  // CPUs the workload may run on; empty: anywhere
	OptionValues options;
	SourceLocation where;
	bool expect_oom_kill = false;  // being killed by the OOM killer ends it as "oom_killed", not "failed"
};

// [collect] callsites: how many call sites the callsite collector names per scope; the rest are "other".
inline constexpr int callsites_default = 20;
inline constexpr int callsites_max = 1000;

// [[collect.usdt]]: what the usdt collector does with an argument of each hit of a probe.
enum class UsdtAggregation { none, sum, log2 };

// One USDT probe the usdt collector counts in every workload process.
struct UsdtProbeSpec {
	std::string provider;  // "libc"
	std::string name;      // "memory_sbrk_more"
	std::string binary;    // "libc" (the C library the process maps), or a mapped file's name or path
	UsdtAggregation aggregation = UsdtAggregation::none;
	int arg = 0;           // the argument aggregated, 1-based as sys/sdt.h numbers them; 0 with none
	std::string preset;    // the preset it came from ("libc"), or "" when named by `probe`
	SourceLocation where;
};

struct CollectSpec {
	std::vector<std::string> collectors;  // registered BPF collectors (collect/collector_registry.cpp)
	std::vector<std::string> snapshots;   // pagetypeinfo, buddyinfo, meminfo, vmstat, slabinfo, zoneinfo, extfrag_index, unusable_index
	AttachMode attach = AttachMode::automatic;
	WorkloadContextMode workload_context = WorkloadContextMode::task;
	int callsites = callsites_default;
	std::vector<UsdtProbeSpec> usdt;      // [[collect.usdt]], presets expanded
	SourceLocation where;
};

// A sysctl set for the run and restored afterwards, e.g. vm.percpu_pagelist_high_fraction = 8192.
struct SysctlSetting {
	std::string name;   // dotted, as sysctl(8) writes it
	std::string value;
	SourceLocation where;
	bool raise = false;  // value is a whole number to add to the value the run finds (--sysctl NAME+=N)
};

// A guest's memory unless [target] memory says otherwise: room for every shipped scenario but
// extfrag_fallback (4 GiB of page tables and pages), which asks for more.
inline constexpr std::int64_t default_guest_memory_bytes = 4LL << 30;
// A guest's scratch disk unless [target] disk says otherwise; sparse, so only what is written costs.
inline constexpr std::int64_t default_guest_disk_bytes = 8LL << 30;

// Where the scenario runs: the running kernel, or a kernel image booted in QEMU.
struct TargetSpec {
	std::string kernel;          // "" = the running kernel; else a kernel image (bzImage) path
	std::string kernel_headers;  // "" = /usr/src/linux-headers-<release of the image>
	std::int64_t memory_bytes = default_guest_memory_bytes;
	int cpus = 2;
	std::string cmdline;         // extra kernel command line
	std::string accel = "auto";  // auto (KVM when a probe boot works, else TCG), kvm, tcg
	std::int64_t boot_timeout_ns = 120'000'000'000LL;
	std::int64_t swap_bytes = 0;  // > 0: the guest swaps on a zram device of this size; 0: no swap
	bool own_boot = false;        // measures what a freshly booted kernel has: never shares a boot
	std::int64_t disk_bytes = default_guest_disk_bytes;  // the guest's scratch disk (ext4 on /var/tmp)
	int numa_nodes = 1;  // > 1: the guest's memory and CPUs split evenly over that many NUMA nodes
	SourceLocation where;
};

// [cgroup]: limits put on the workload cgroup for the run.
struct CgroupSpec {
	std::optional<std::int64_t> memory_max;  // bytes; nullopt: no limit
	std::optional<std::int64_t> swap_max;    // bytes of swap on top; only with memory_max
	SourceLocation where;
};

struct AssertionSpec {
	std::string name;  // defaults to the expression text
	std::string expr;
	std::string message;  // optional explanation shown when the assertion fails
	SourceLocation where;
};

struct Scenario {
	std::string file;
	std::string text;  // the whole file, kept for result.json
	std::string name;
	std::string description;
	std::int64_t timeout_ns = 0;
	Requirements requires_;
	std::vector<WorkloadSpec> workloads;
	CollectSpec collect;
	TargetSpec target;
	std::vector<SysctlSetting> sysctls;
	std::vector<AssertionSpec> assertions;
	CgroupSpec cgroup;
};

// True when a workload drives the kernel module (kind "kmod"): a run loads it, a VM run builds it.
bool uses_kernel_module(const Scenario &scenario);

}  // namespace kmh

// Attaching a BPF object's uprobe programs to functions of a shared library, in one process only.
#pragma once

#include <string>
#include <vector>

struct bpf_object;
struct bpf_link;

namespace kmh {

struct UprobeTarget {
	const char *function;        // e.g. "malloc"
	const char *entry_program;   // runs at the function's first instruction, or nullptr
	const char *return_program;  // runs when it returns (a uretprobe), or nullptr
	bool required;               // a library without it cannot be traced at all
};

struct UprobeAttachment {
	std::vector<bpf_link *> links;
	std::vector<std::string> attached;  // "/usr/lib/x86_64-linux-gnu/libc.so.6:malloc (uprobe, uretprobe)"
	std::vector<std::string> skipped;   // "aligned_alloc: same address as memalign", "pvalloc: not defined"
};

// Attaches every target's programs in process `pid` only: its breakpoints go into that address
// space alone. A function at the address of one attached before (an alias, e.g. glibc's
// aligned_alloc and memalign) is attached once. Throws environment_error when a required
// function is missing, run_error when the kernel refuses a probe.
void attach_uprobes(bpf_object *object, int pid, const std::string &library,
		    const std::vector<UprobeTarget> &targets, UprobeAttachment &attachment);

}  // namespace kmh

// What collectors need to know about the kernel to label their metrics, read once per run.
#pragma once

#include "collect/kmem/migratetype_names.h"

namespace kmh {

struct KernelFacts {
	MigratetypeNames migratetypes;
	int pageblock_order = 9;  // from /proc/pagetypeinfo "Page block order"
	bool preempt_count_readable = true;  // kallsyms lists the per-CPU preempt count (event contexts)
};

// Reads BTF, /proc/pagetypeinfo and /proc/kallsyms (defaults where they are missing).
KernelFacts read_kernel_facts();

}  // namespace kmh

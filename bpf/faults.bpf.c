// SPDX-License-Identifier: GPL-2.0
/*
 * faults collector: page faults by process (comm) and scope, split by the mode
 * the CPU was in when it faulted (exceptions:page_fault_user and
 * exceptions:page_fault_kernel).
 *
 * x86's do_user_addr_fault() paths fire one of the two for every page fault
 * exception, before the fault is handled (arch/x86/include/asm/trace/exceptions.h);
 * other architectures have no such tracepoints, and user space refuses the
 * collector there before loading anything.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "faults.h"
#include "task_counters.bpf.h"
#include "variants.bpf.h"

char LICENSE[] SEC("license") = "GPL";

KMH_TASK_COUNTERS(fault_counts, struct fault_key);

static __always_inline int on_fault(__u32 mode)
{
	struct fault_key key = { .mode = mode };

	count_task_event(&fault_counts, &key.task, &key, 0);
	return 0;
}

/* The tp_btf, raw_tp and classic tracepoint programs of exceptions:<event>, counting `mode`. */
#define KMH_FAULT_PROGRAMS(event, mode)				\
	KMH_BTF_PROGRAMS(event, on_fault(mode))			\
	SEC("tp/exceptions/" #event)				\
	int event##__tracepoint(void *ctx)			\
	{							\
		on_fault(mode);					\
		return KMH_KEEP_EVENT;				\
	}

KMH_FAULT_PROGRAMS(page_fault_user, KMH_FAULT_USER)
KMH_FAULT_PROGRAMS(page_fault_kernel, KMH_FAULT_KERNEL)

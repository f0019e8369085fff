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

char LICENSE[] SEC("license") = "GPL";

KMH_TASK_COUNTERS(fault_counts, struct fault_key);

static __always_inline int on_fault(__u32 mode)
{
	struct fault_key key = { .mode = mode };

	count_task_event(&fault_counts, &key.task, &key, 0);
	return 0;
}

SEC("tp_btf/page_fault_user")
int BPF_PROG(page_fault_user__tp_btf, unsigned long address, struct pt_regs *regs, unsigned long error_code)
{
	return on_fault(KMH_FAULT_USER);
}

SEC("raw_tp/page_fault_user")
int BPF_PROG(page_fault_user__raw_tp, unsigned long address, struct pt_regs *regs, unsigned long error_code)
{
	return on_fault(KMH_FAULT_USER);
}

SEC("tp/exceptions/page_fault_user")
int page_fault_user__tracepoint(void *ctx)
{
	on_fault(KMH_FAULT_USER);
	return KMH_KEEP_EVENT;
}

SEC("tp_btf/page_fault_kernel")
int BPF_PROG(page_fault_kernel__tp_btf, unsigned long address, struct pt_regs *regs, unsigned long error_code)
{
	return on_fault(KMH_FAULT_KERNEL);
}

SEC("raw_tp/page_fault_kernel")
int BPF_PROG(page_fault_kernel__raw_tp, unsigned long address, struct pt_regs *regs, unsigned long error_code)
{
	return on_fault(KMH_FAULT_KERNEL);
}

SEC("tp/exceptions/page_fault_kernel")
int page_fault_kernel__tracepoint(void *ctx)
{
	on_fault(KMH_FAULT_KERNEL);
	return KMH_KEEP_EVENT;
}

/* SPDX-License-Identifier: GPL-2.0 */
/* The context an event fires in (task, softirq, hardirq, NMI), read from this CPU's preempt count. */
#ifndef __KMH_EVENT_CONTEXT_BPF_H
#define __KMH_EVENT_CONTEXT_BPF_H

#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "kmh_common.h"

/* include/linux/preempt.h: 8 preemption bits, 8 softirq bits, 4 hardirq bits, 4 NMI bits. */
#define KMH_SOFTIRQ_OFFSET	0x00000100U
#define KMH_HARDIRQ_MASK	0x000f0000U
#define KMH_NMI_MASK		0x00f00000U

/*
 * x86-64 keeps the preempt count in a per-CPU variable whose name moved: the int
 * __preempt_count (as on 6.1, and again on 6.18, after the pcpu_hot fields became
 * per-CPU variables of their own), or the preempt_count field of struct pcpu_hot
 * (from v6.2's "x86/percpu: Move preempt_count next to current_task", as on
 * 6.12). Both are weak: libbpf resolves the one this kernel's BTF has, and the
 * verifier drops the branch of the other as dead code.
 */
extern const int __preempt_count __ksym __weak;

/* A weak __ksym libbpf did not find is 0. (libbpf 1.2 has bpf_ksym_exists(); Debian 12's 1.1 has not.) */
#define KMH_KSYM_FOUND(sym) (&(sym) != 0)

struct pcpu_hot___kmh {
	int preempt_count;
} __attribute__((preserve_access_index));

extern const struct pcpu_hot___kmh pcpu_hot __ksym __weak;

/*
 * PREEMPT_RT counts softirq nesting per task, in task_struct's
 * softirq_disable_cnt, and leaves the preempt count's softirq bits at 0.
 */
struct task_struct___rt {
	int softirq_disable_cnt;
} __attribute__((preserve_access_index));

/*
 * The verifier resolves a typed __ksym through kallsyms, which lists per-CPU
 * data only with CONFIG_KALLSYMS_ALL; without it, any program that names the
 * symbol fails to load. User space then loads this object built with
 * KMH_NO_PREEMPT_COUNT, where every event is task context.
 */
#ifdef KMH_NO_PREEMPT_COUNT
static __always_inline __u32 this_cpu_preempt_count(void)
{
	return 0;
}
#else
static __always_inline __u32 this_cpu_preempt_count(void)
{
	if (KMH_KSYM_FOUND(__preempt_count))
		return *(const int *)bpf_this_cpu_ptr(&__preempt_count);
	if (KMH_KSYM_FOUND(pcpu_hot))
		return ((const struct pcpu_hot___kmh *)bpf_this_cpu_ptr(&pcpu_hot))->preempt_count;
	return 0;
}
#endif

static __always_inline bool serving_softirq(__u32 preempt_count)
{
	struct task_struct___rt *task;

	if (!bpf_core_field_exists(struct task_struct___rt, softirq_disable_cnt))
		return preempt_count & KMH_SOFTIRQ_OFFSET;
	task = (struct task_struct___rt *)bpf_get_current_task_btf();
	return BPF_CORE_READ(task, softirq_disable_cnt) & KMH_SOFTIRQ_OFFSET;
}

/* KMH_CONTEXT_TASK, _SOFTIRQ, _HARDIRQ or _NMI: the innermost context the CPU is in. */
static __always_inline __u32 event_context(void)
{
	__u32 count = this_cpu_preempt_count();

	if (count & KMH_NMI_MASK)
		return KMH_CONTEXT_NMI;
	if (count & KMH_HARDIRQ_MASK)
		return KMH_CONTEXT_HARDIRQ;
	if (serving_softirq(count))
		return KMH_CONTEXT_SOFTIRQ;
	return KMH_CONTEXT_TASK;
}

#endif /* __KMH_EVENT_CONTEXT_BPF_H */

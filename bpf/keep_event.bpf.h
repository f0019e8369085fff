/* SPDX-License-Identifier: GPL-2.0 */
/* What every collector program returns, so a perf session on the same tracepoint still sees it. */
#ifndef __KMH_KEEP_EVENT_BPF_H
#define __KMH_KEEP_EVENT_BPF_H

/*
 * A classic tracepoint program returning 0 drops the event for every perf user
 * of the tracepoint (perf_trace_run_bpf_submit(), perf_syscall_enter()), hiding
 * it from a `perf stat` run alongside; 1 passes it on, at no cost when no perf
 * event listens. tp_btf and raw_tp programs' return values are ignored.
 */
#define KMH_KEEP_EVENT 1

#endif /* __KMH_KEEP_EVENT_BPF_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tp_btf and raw_tp programs of one tracepoint, which take the same arguments
 * and do the same thing, written once. Program names follow "<event>__<variant>",
 * which user space reads to load one variant (see harness/collect/attach_variant.h).
 */
#ifndef __KMH_VARIANTS_BPF_H
#define __KMH_VARIANTS_BPF_H

#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

/* The pair under two given program names; the macros below name them. */
#define KMH_BTF_PROGRAM_PAIR(event, tp_btf_name, raw_tp_name, call, args...)	\
	SEC("tp_btf/" #event)						\
	int BPF_PROG(tp_btf_name, ##args)				\
	{								\
		return call;						\
	}								\
	SEC("raw_tp/" #event)						\
	int BPF_PROG(raw_tp_name, ##args)				\
	{								\
		return call;						\
	}

/* `call` may use the arguments named after it: KMH_BTF_PROGRAMS(ev, f(nr), unsigned long nr) */
#define KMH_BTF_PROGRAMS(event, call, args...)				\
	KMH_BTF_PROGRAM_PAIR(event, event##__tp_btf, event##__raw_tp, call, ##args)

/* The pair for one tracepoint layout: programs "<event>__<variant>__<layout>". */
#define KMH_BTF_LAYOUT_PROGRAMS(event, layout, call, args...)		\
	KMH_BTF_PROGRAM_PAIR(event, event##__tp_btf__##layout,		\
			     event##__raw_tp__##layout, call, ##args)

/* All three variants of an event whose arguments the handler does not read. */
#define KMH_ARGLESS_PROGRAMS(subsystem, event, call)			\
	KMH_BTF_PROGRAMS(event, call)					\
	SEC("tp/" #subsystem "/" #event)				\
	int event##__tracepoint(void *ctx)				\
	{								\
		return call;						\
	}

#endif /* __KMH_VARIANTS_BPF_H */

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

/* `call` may use the arguments named after it: KMH_BTF_PROGRAMS(ev, f(nr), unsigned long nr) */
#define KMH_BTF_PROGRAMS(event, call, args...)				\
	SEC("tp_btf/" #event)						\
	int BPF_PROG(event##__tp_btf, ##args)				\
	{								\
		return call;						\
	}								\
	SEC("raw_tp/" #event)						\
	int BPF_PROG(event##__raw_tp, ##args)				\
	{								\
		return call;						\
	}

/* All three variants of an event whose arguments the handler does not read. */
#define KMH_ARGLESS_PROGRAMS(subsystem, event, call)			\
	KMH_BTF_PROGRAMS(event, call)					\
	SEC("tp/" #subsystem "/" #event)				\
	int event##__tracepoint(void *ctx)				\
	{								\
		return call;						\
	}

#endif /* __KMH_VARIANTS_BPF_H */

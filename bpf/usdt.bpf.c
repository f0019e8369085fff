// SPDX-License-Identifier: GPL-2.0
/*
 * usdt collector: hits of the USDT probes a scenario names, per process and
 * probe, with one argument summed or bucketed by power of two where asked.
 *
 * User space attaches usdt_hit once per probe and workload process with
 * libbpf's USDT support (bpf_program__attach_usdt), which reads each probe's
 * argument locations from the binary's .note.stapsdt; the attach cookie says
 * which probe fired and what to do with which argument. A probe attached to
 * one pid puts its breakpoint in that address space alone.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/usdt.bpf.h>
#include "usdt.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, KMH_USDT_KEYS);
	__type(key, struct usdt_key);
	__type(value, struct usdt_tally);
} hits SEC(".maps");

/* Hits whose argument could not be read, per probe; user space reports them. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, __u64);
} unreadable SEC(".maps");

static const struct usdt_tally zero_tally;

/* ceil(log2(value)), 0 for 0 and 1: the bucket whose upper bound 2^bucket holds value. */
static __always_inline __u32 ceil_log2(__u64 value)
{
	__u32 bucket, shift;

	if (value <= 1)
		return 0;
	value--;
	bucket = (value > 0xffffffffULL) << 5;
	value >>= bucket;
	shift = (value > 0xffff) << 4;
	value >>= shift;
	bucket |= shift;
	shift = (value > 0xff) << 3;
	value >>= shift;
	bucket |= shift;
	shift = (value > 0xf) << 2;
	value >>= shift;
	bucket |= shift;
	shift = (value > 0x3) << 1;
	value >>= shift;
	bucket |= shift;
	bucket |= (value >> 1);
	return bucket + 1;
}

static __always_inline void count_unreadable(__u32 probe)
{
	static const __u64 zero;
	__u64 *count = bpf_map_lookup_elem(&unreadable, &probe);

	if (!count) {
		bpf_map_update_elem(&unreadable, &probe, &zero, BPF_NOEXIST);
		count = bpf_map_lookup_elem(&unreadable, &probe);
	}
	if (count)
		(*count)++;
}

static __always_inline void count_hit(struct usdt_key *key, __u64 value)
{
	struct usdt_tally *tally = bpf_map_lookup_elem(&hits, key);

	if (!tally) {
		bpf_map_update_elem(&hits, key, &zero_tally, BPF_NOEXIST);
		tally = bpf_map_lookup_elem(&hits, key);
		if (!tally)
			return;
	}
	tally->hits++;
	tally->sum += value;
}

SEC("usdt")
int usdt_hit(struct pt_regs *ctx)
{
	__u64 cookie = bpf_usdt_cookie(ctx);
	__u32 aggregation = KMH_USDT_COOKIE_AGGREGATION(cookie);
	struct usdt_key key = {
		.tgid = bpf_get_current_pid_tgid() >> 32,
		.probe = KMH_USDT_COOKIE_PROBE(cookie),
		.bucket = KMH_USDT_NO_BUCKET,
	};
	long value = 0;

	if (aggregation != KMH_USDT_COUNT &&
	    bpf_usdt_arg(ctx, KMH_USDT_COOKIE_ARG(cookie), &value) != 0) {
		count_unreadable(key.probe);
		return 0;
	}
	if (aggregation == KMH_USDT_LOG2)
		key.bucket = ceil_log2((__u64)value);
	count_hit(&key, aggregation == KMH_USDT_SUM ? (__u64)value : 0);
	return 0;
}

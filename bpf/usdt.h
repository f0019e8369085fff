/* SPDX-License-Identifier: GPL-2.0 */
/* The usdt collector's attach cookie and hash key, shared by BPF and user space. */
#ifndef __KMH_USDT_H
#define __KMH_USDT_H

#define KMH_USDT_KEYS 16384	/* (process, probe, bucket) combinations kept */

#define KMH_USDT_COUNT 0	/* hits only */
#define KMH_USDT_SUM 1		/* hits and the sum of one argument */
#define KMH_USDT_LOG2 2		/* hits by the power-of-two bucket of one argument */

#define KMH_USDT_NO_BUCKET 0xffffffff

/*
 * The cookie each attachment carries: which probe of the scenario it is,
 * which argument to read (0-based, as bpf_usdt_arg() numbers them) and what
 * to do with it.
 */
#define KMH_USDT_COOKIE(probe, arg, aggregation) \
	((__u64)(probe) | ((__u64)(arg) << 32) | ((__u64)(aggregation) << 40))
#define KMH_USDT_COOKIE_PROBE(cookie) ((__u32)(cookie))
#define KMH_USDT_COOKIE_ARG(cookie) ((__u32)((cookie) >> 32) & 0xff)
#define KMH_USDT_COOKIE_AGGREGATION(cookie) ((__u32)((cookie) >> 40) & 0xff)

struct usdt_key {
	__u32 tgid;
	__u32 probe;	/* the probe's index in the scenario's [[collect.usdt]] list */
	__u32 bucket;	/* log2: ceil(log2(argument)), 0 for 0 and 1; else KMH_USDT_NO_BUCKET */
	__u32 pad;
};

struct usdt_tally {
	__u64 hits;
	__u64 sum;	/* sum: the argument summed as an unsigned 64-bit number, wrapping */
};

#endif /* __KMH_USDT_H */

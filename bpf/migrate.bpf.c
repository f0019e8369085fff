// SPDX-License-Identifier: GPL-2.0
/*
 * migrate collector: every migrate_pages() call (mm_migrate_pages), its base
 * pages migrated and failed, THPs migrated, failed and split, and large folios
 * split, by reason and mode, per process (comm) and scope; and the time each
 * call took, from mm_migrate_pages_start on the same thread. Reason and mode are
 * the kernel's enum migrate_reason and enum migrate_mode values; user space
 * names them from BTF.
 *
 * mm_migrate_pages has gained arguments over time (thp_succeeded, thp_failed,
 * thp_split, large_folio_split), all before mode and reason. Its record's fields
 * mirror the arguments one for one, so bpf_core_field_exists() on the record
 * tells each argument's position too: the tp_btf and raw_tp programs read the
 * argument array at the positions this kernel has, the classic tracepoint reads
 * the fields it has. An argument the kernel lacks counts 0.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "migrate.h"
#include "process_stats.bpf.h"
#include "variants.bpf.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, KMH_MIGRATE_KEYS);
	__type(key, struct kmh_migrate_key);
	__type(value, struct kmh_migrate_counts);
} migrate_counts SEC(".maps");

static const struct kmh_migrate_counts zero_counts;

#define HAS_FIELD(field) bpf_core_field_exists(struct trace_event_raw_mm_migrate_pages, field)

static __always_inline struct kmh_migrate_counts *counts_of(struct kmh_migrate_key *key)
{
	struct kmh_migrate_counts *counts = bpf_map_lookup_elem(&migrate_counts, key);

	if (counts)
		return counts;
	bpf_map_update_elem(&migrate_counts, key, &zero_counts, BPF_NOEXIST);
	return bpf_map_lookup_elem(&migrate_counts, key);
}

static __always_inline void add_counts(struct kmh_migrate_key *key, const struct kmh_migrate_counts *call)
{
	struct kmh_migrate_counts *counts = counts_of(key);

	if (!counts)
		return;
	__sync_fetch_and_add(&counts->calls, 1);
	__sync_fetch_and_add(&counts->succeeded, call->succeeded);
	__sync_fetch_and_add(&counts->failed, call->failed);
	__sync_fetch_and_add(&counts->thp_succeeded, call->thp_succeeded);
	__sync_fetch_and_add(&counts->thp_failed, call->thp_failed);
	__sync_fetch_and_add(&counts->thp_split, call->thp_split);
	__sync_fetch_and_add(&counts->large_folio_split, call->large_folio_split);
}

/* One migrate_pages() call ended: counted in the system scope, and in the workload's when it is ours. */
static __always_inline int on_migrated(const struct kmh_migrate_counts *call, int mode, int reason)
{
	struct kmh_migrate_key key = { .scope = KMH_SCOPE_SYSTEM, .reason = reason, .mode = mode };

	record_end(KMH_MIGRATE_CALL, 0, 0);
	bpf_get_current_comm(key.comm, sizeof(key.comm));
	add_counts(&key, call);
	if (in_workload()) {
		key.scope = KMH_SCOPE_WORKLOAD;
		add_counts(&key, call);
	}
	return 0;
}

static __always_inline int on_start(void)
{
	record_begin(KMH_MIGRATE_CALL);
	return 0;
}

KMH_BTF_PROGRAMS(mm_migrate_pages_start, on_start(), enum migrate_mode mode, int reason)

SEC("tp/migrate/mm_migrate_pages_start")
int mm_migrate_pages_start__tracepoint(void *ctx)
{
	return on_start();
}

/*
 * (succeeded, failed, [thp_succeeded, thp_failed, [thp_split, [large_folio_split]]], mode, reason):
 * each field came after those before it. Every branch reads fixed positions, as the verifier
 * wants of a context; it keeps only the branch this kernel's relocated constants select.
 */
static __always_inline int on_migrated_arguments(unsigned long long *args)
{
	struct kmh_migrate_counts call = { .succeeded = args[0], .failed = args[1] };

	if (HAS_FIELD(large_folio_split)) {
		call.thp_succeeded = args[2];
		call.thp_failed = args[3];
		call.thp_split = args[4];
		call.large_folio_split = args[5];
		return on_migrated(&call, (int)args[6], (int)args[7]);
	}
	if (HAS_FIELD(thp_split)) {
		call.thp_succeeded = args[2];
		call.thp_failed = args[3];
		call.thp_split = args[4];
		return on_migrated(&call, (int)args[5], (int)args[6]);
	}
	if (HAS_FIELD(thp_succeeded)) {
		call.thp_succeeded = args[2];
		call.thp_failed = args[3];
		return on_migrated(&call, (int)args[4], (int)args[5]);
	}
	return on_migrated(&call, (int)args[2], (int)args[3]);
}

KMH_BTF_PROGRAMS(mm_migrate_pages, on_migrated_arguments(ctx))

/* The record's field when the kernel has it, else 0. */
#define RECORD_FIELD(record, field) (HAS_FIELD(field) ? BPF_CORE_READ(record, field) : 0)

SEC("tp/migrate/mm_migrate_pages")
int mm_migrate_pages__tracepoint(struct trace_event_raw_mm_migrate_pages *record)
{
	struct kmh_migrate_counts call = {
		.succeeded = BPF_CORE_READ(record, succeeded),
		.failed = BPF_CORE_READ(record, failed),
		.thp_succeeded = RECORD_FIELD(record, thp_succeeded),
		.thp_failed = RECORD_FIELD(record, thp_failed),
		.thp_split = RECORD_FIELD(record, thp_split),
		.large_folio_split = RECORD_FIELD(record, large_folio_split),
	};

	return on_migrated(&call, BPF_CORE_READ(record, mode), BPF_CORE_READ(record, reason));
}

// SPDX-License-Identifier: GPL-2.0
/*
 * oom collector: OOM kills, by victim comm, constraint and scope, each also sent
 * to user space as a record (kills are rare, so a ring buffer costs nothing).
 *
 * oom/mark_victim fires once per task the OOM killer marks. Its arguments are
 * (task, uid) on current kernels, and its record carries the victim's comm and
 * memory (total_vm, anon/file/shmem rss in kB); older kernels pass and record
 * only the pid, which the classic tracepoint program detects with
 * bpf_core_field_exists(). An fentry program on oom_kill_process() reads what no
 * tracepoint carries, the struct oom_control: its constraint (none, cpuset,
 * memory_policy, memcg), whether a memory cgroup is out of memory, the order that
 * failed, and the chosen victim with its memory for kernels whose record lacks
 * it. It is kept per killing thread until fexit, so only victims marked inside
 * oom_kill_process() count as kills (a task that is already exiting is marked
 * without a kill, and without vmstat's oom_kill). Without fentry (no BTF for
 * oom_kill_process, no BPF trampolines) user space does not load it; every mark
 * then counts, with constraint unknown.
 *
 * scope is that of the task running the OOM killer, the one whose allocation or
 * charge failed: a workload over its memory cgroup's limit kills in scope=workload.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "kmh_common.h"
#include "oom.h"
#include "variants.bpf.h"
#include "workload_scope.bpf.h"

char LICENSE[] SEC("license") = "GPL";

enum { MM_FILEPAGES, MM_ANONPAGES, MM_SWAPENTS, MM_SHMEMPAGES };

const volatile __u32 page_shift = 12;
/* Set when the fentry/fexit pair is loaded: then only marks inside oom_kill_process() count. */
const volatile bool oom_kill_process_traced = false;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, __u32);	/* the thread running oom_kill_process() */
	__type(value, struct oom_kill_event);	/* constraint, order, memcg and the chosen victim */
} oom_contexts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024);
} kill_events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, KMH_OOM_KILL_KEYS);
	__type(key, struct oom_kill_key);
	__type(value, struct oom_kill_count);
} kill_counts SEC(".maps");

static const struct oom_kill_count zero_count;
static const struct oom_kill_event unknown_context = {
	.constraint = KMH_OOM_UNKNOWN, .order = KMH_OOM_UNKNOWN, .memcg = KMH_OOM_UNKNOWN,
};

static __always_inline __u64 pages_to_kb(long pages)
{
	return pages > 0 ? (__u64)pages << (page_shift - 10) : 0;
}

/*
 * get_mm_counter(): a percpu_counter since Linux 6.2, an atomic_long_t array before. The index
 * must be a constant for CO-RE to relocate it with the kernel's element size.
 */
#define MM_COUNTER(mm, member)								\
	(bpf_core_type_exists(struct mm_rss_stat)					\
		 ? BPF_CORE_READ((struct mm_struct___rss_array *)(mm), rss_stat.count[member].counter) \
		 : BPF_CORE_READ(mm, rss_stat[member].count))

static __always_inline void read_task_memory(struct task_struct *task, struct oom_kill_event *event)
{
	struct mm_struct *mm = BPF_CORE_READ(task, mm);

	if (!mm)
		return;
	event->total_vm_kb = pages_to_kb(BPF_CORE_READ(mm, total_vm));
	event->anon_rss_kb = pages_to_kb(MM_COUNTER(mm, MM_ANONPAGES));
	event->file_rss_kb = pages_to_kb(MM_COUNTER(mm, MM_FILEPAGES));
	event->shmem_rss_kb = pages_to_kb(MM_COUNTER(mm, MM_SHMEMPAGES));
	event->memory_source = OOM_MEMORY_TASK;
}

SEC("fentry/oom_kill_process")
int BPF_PROG(oom_kill_process__any__entry, struct oom_control *oc, const char *message)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct oom_kill_event context = {};
	struct task_struct *chosen = BPF_CORE_READ(oc, chosen);

	context.constraint = BPF_CORE_READ(oc, constraint);
	context.order = BPF_CORE_READ(oc, order);
	context.memcg = BPF_CORE_READ(oc, memcg) != 0;
	if (chosen) {
		context.victim_pid = BPF_CORE_READ(chosen, pid);
		BPF_CORE_READ_STR_INTO(&context.victim_comm, chosen, comm);
		read_task_memory(chosen, &context);
	}
	bpf_map_update_elem(&oom_contexts, &tid, &context, BPF_ANY);
	return 0;
}

SEC("fexit/oom_kill_process")
int BPF_PROG(oom_kill_process__any__exit)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();

	bpf_map_delete_elem(&oom_contexts, &tid);
	return 0;
}

static __always_inline void count_in_scope(const struct oom_kill_event *event, __u32 scope)
{
	struct oom_kill_key key = { .constraint = event->constraint, .scope = scope };
	struct oom_kill_count *count;

	__builtin_memcpy(key.comm, event->victim_comm, sizeof(key.comm));
	count = bpf_map_lookup_elem(&kill_counts, &key);
	if (!count) {
		bpf_map_update_elem(&kill_counts, &key, &zero_count, BPF_NOEXIST);
		count = bpf_map_lookup_elem(&kill_counts, &key);
		if (!count)
			return;
	}
	__sync_fetch_and_add(&count->kills, 1);
	__sync_fetch_and_add(&count->rss_kb, event->anon_rss_kb + event->file_rss_kb + event->shmem_rss_kb);
}

/* Every kill counts in the system scope, and in the workload scope too when it is ours. */
static __always_inline void count_kill(const struct oom_kill_event *event)
{
	count_in_scope(event, KMH_SCOPE_SYSTEM);
	if (event->scope == KMH_SCOPE_WORKLOAD)
		count_in_scope(event, KMH_SCOPE_WORKLOAD);
}

/*
 * Fills in what the mark_victim program could not see from the oom_kill_process() context of
 * this thread, counts the kill and sends it. Returns without counting when oom_kill_process()
 * is traced but not running: the mark is no kill.
 */
static __always_inline void report_kill(struct oom_kill_event *event)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	const struct oom_kill_event *context = bpf_map_lookup_elem(&oom_contexts, &tid);
	struct oom_kill_event *record;

	if (!context) {
		if (oom_kill_process_traced)
			return;
		context = &unknown_context;
	}
	event->constraint = context->constraint;
	event->order = context->order;
	event->memcg = context->memcg;
	if (event->memory_source == OOM_MEMORY_NONE && context->victim_pid == event->victim_pid) {
		event->total_vm_kb = context->total_vm_kb;
		event->anon_rss_kb = context->anon_rss_kb;
		event->file_rss_kb = context->file_rss_kb;
		event->shmem_rss_kb = context->shmem_rss_kb;
		event->memory_source = context->memory_source;
	}
	if (!event->victim_comm[0] && context->victim_pid == event->victim_pid)
		__builtin_memcpy(event->victim_comm, context->victim_comm, sizeof(event->victim_comm));
	event->killer_pid = (__u32)(bpf_get_current_pid_tgid() >> 32);
	bpf_get_current_comm(event->killer_comm, sizeof(event->killer_comm));
	event->scope = in_workload() ? KMH_SCOPE_WORKLOAD : KMH_SCOPE_SYSTEM;
	event->ktime_ns = bpf_ktime_get_ns();
	count_kill(event);
	record = bpf_ringbuf_reserve(&kill_events, sizeof(*record), 0);
	if (!record)
		return;
	__builtin_memcpy(record, event, sizeof(*record));
	bpf_ringbuf_submit(record, 0);
}

static __always_inline int on_mark_task(struct task_struct *task)
{
	struct oom_kill_event event = {};

	event.victim_pid = BPF_CORE_READ(task, pid);
	BPF_CORE_READ_STR_INTO(&event.victim_comm, task, comm);
	read_task_memory(task, &event);
	report_kill(&event);
	return 0;
}

KMH_BTF_PROGRAMS(mark_victim, on_mark_task(task), struct task_struct *task)

SEC("tp/oom/mark_victim")
int mark_victim__tracepoint(struct trace_event_raw_mark_victim *ctx)
{
	struct oom_kill_event event = {};

	event.victim_pid = BPF_CORE_READ(ctx, pid);
	if (bpf_core_field_exists(ctx->__data_loc_comm)) {
		__u32 comm_at = BPF_CORE_READ(ctx, __data_loc_comm) & 0xffff;

		bpf_probe_read_kernel_str(event.victim_comm, sizeof(event.victim_comm), (void *)ctx + comm_at);
	}
	if (bpf_core_field_exists(ctx->total_vm)) {
		event.total_vm_kb = BPF_CORE_READ(ctx, total_vm);
		event.anon_rss_kb = BPF_CORE_READ(ctx, anon_rss);
		event.file_rss_kb = BPF_CORE_READ(ctx, file_rss);
		event.shmem_rss_kb = BPF_CORE_READ(ctx, shmem_rss);
		event.memory_source = OOM_MEMORY_TRACEPOINT;
	}
	report_kill(&event);
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * brk_stacks collector: the workload processes' brk() calls by the user stack
 * that made them, with the bytes each moved the break by.
 *
 * Opt-in, apart from the mmap collector, whose brk counts stay as cheap as
 * they are: here every brk() of a workload task walks its user stack (frame
 * pointers) into a stack-trace map at entry. The walk starts at the system
 * call instruction (libc's syscall() or brk()), whose caller's frame pointer
 * names the caller's caller first: the function that called the wrapper is
 * skipped, as at any system call. Only scope=workload is counted.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "brk_stacks.h"
#include "keep_event.bpf.h"
#include "workload_scope.bpf.h"

char LICENSE[] SEC("license") = "GPL";

struct brk_call {
	__u64 requested;
	__u64 old_break;
	__s32 stack_id;
	__u32 pad;
};

struct brk_enter_record {
	struct trace_entry ent;
	int nr;
	unsigned long brk;
};

struct brk_exit_record {
	struct trace_entry ent;
	int nr;
	long ret;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, __u32);
	__type(value, struct brk_call);
} calls_in_flight SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_STACK_TRACE);
	__uint(max_entries, KMH_BRK_STACKS);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, KMH_BRK_STACK_DEPTH * sizeof(__u64));
} stacks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, KMH_BRK_STACKS);
	__type(key, struct brk_stack_key);
	__type(value, struct brk_stack_tally);
} tallies SEC(".maps");

static const struct brk_stack_tally zero_tally;

SEC("tp/syscalls/sys_enter_brk")
int brk_enter__tracepoint(struct brk_enter_record *ctx)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct brk_call call = { .requested = ctx->brk };
	long stack_id;

	if (!in_workload())
		return KMH_KEEP_EVENT;
	call.old_break = BPF_CORE_READ(task, mm, brk);
	stack_id = bpf_get_stackid(ctx, &stacks, BPF_F_USER_STACK);
	call.stack_id = stack_id < 0 ? KMH_BRK_NO_STACK : (__s32)stack_id;
	bpf_map_update_elem(&calls_in_flight, &tid, &call, BPF_ANY);
	return KMH_KEEP_EVENT;
}

static __always_inline void count_call(const struct brk_call *call, long ret)
{
	struct brk_stack_key key = {
		.tgid = bpf_get_current_pid_tgid() >> 32,
		.stack_id = call->stack_id,
		.change = KMH_BRK_STACK_NONE,
	};
	struct brk_stack_tally *tally;
	__u64 bytes = 0;

	if (call->requested > call->old_break) {
		key.change = KMH_BRK_STACK_GROW;
		bytes = call->requested - call->old_break;
	} else if (call->requested && call->requested < call->old_break) {
		key.change = KMH_BRK_STACK_SHRINK;
		bytes = call->old_break - call->requested;
	}
	key.failed = call->requested && (__u64)ret != call->requested;
	tally = bpf_map_lookup_elem(&tallies, &key);
	if (!tally) {
		bpf_map_update_elem(&tallies, &key, &zero_tally, BPF_NOEXIST);
		tally = bpf_map_lookup_elem(&tallies, &key);
		if (!tally)
			return;
	}
	__sync_fetch_and_add(&tally->calls, 1);
	__sync_fetch_and_add(&tally->bytes, bytes);
}

SEC("tp/syscalls/sys_exit_brk")
int brk_exit__tracepoint(struct brk_exit_record *ctx)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct brk_call *found = bpf_map_lookup_elem(&calls_in_flight, &tid);
	struct brk_call call;

	if (!found)
		return KMH_KEEP_EVENT;
	call = *found;
	bpf_map_delete_elem(&calls_in_flight, &tid);
	count_call(&call, ctx->ret);
	return KMH_KEEP_EVENT;
}

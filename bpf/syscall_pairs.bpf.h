/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pairing the entry and the exit of a few watched system calls per thread.
 *
 * The including collector defines these, declared here:
 *   __u32 call_of(long nr)                 its call for a syscall number, or KMH_CALL_NONE
 *   void on_entry(struct syscall_entry *)  fills `extra` if it needs to (e.g. the old break)
 *   void on_exit(const struct syscall_entry *, long ret)
 * and gets the tp_btf and raw_tp programs on raw_syscalls' sys_enter/sys_exit here; its classic
 * tracepoint programs, one pair per syscalls:sys_enter_<name>/sys_exit_<name>, come from
 * KMH_SYSCALL_TRACEPOINTS().
 *
 * Why both: sys_enter/sys_exit run the program for every system call of every task and
 * filter by number; the per-syscall classic tracepoints are demultiplexed by the kernel
 * (a bitmap test per call) but build a perf record for each watched call. Measured on
 * Linux 6.18, a watched call costs the same either way and any other call about 28 ns
 * extra with the classic ones against 110 ns with raw sys_enter/sys_exit, so collectors
 * prefer the classic ones (docs/metrics.md has the table).
 */
#ifndef __KMH_SYSCALL_PAIRS_BPF_H
#define __KMH_SYSCALL_PAIRS_BPF_H

#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "task_counters.bpf.h"

#define KMH_CALL_NONE 0xffffffff
#define KMH_THREADS_IN_CALL 16384	/* threads inside a watched call at once */

struct syscall_entry {
	__u32 call;
	__u32 pad;
	__u64 args[3];
	__u64 extra;
};

/* The record of a classic syscalls:sys_enter_<name> / sys_exit_<name> tracepoint. */
struct syscall_enter_record {
	struct trace_entry ent;
	int nr;
	unsigned long args[6];
};

struct syscall_exit_record {
	struct trace_entry ent;
	int nr;
	long ret;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, KMH_THREADS_IN_CALL);
	__type(key, __u32);
	__type(value, struct syscall_entry);
} calls_in_flight SEC(".maps");

static __always_inline __u32 call_of(long nr);
static __always_inline void on_entry(struct syscall_entry *entry);
static __always_inline void on_exit(const struct syscall_entry *entry, long ret);

/* The errno of a system call's return value (-4095..-1), or 0 when it succeeded. */
static __always_inline __u32 syscall_error(long ret)
{
	return ret < 0 && ret >= -4095 ? (__u32)-ret : 0;
}

static __always_inline int enter_call(__u32 call, __u64 arg0, __u64 arg1, __u64 arg2)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct syscall_entry entry = { .call = call, .args = { arg0, arg1, arg2 } };

	on_entry(&entry);
	bpf_map_update_elem(&calls_in_flight, &tid, &entry, BPF_ANY);
	return 0;
}

static __always_inline int exit_call(long ret)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct syscall_entry *found = bpf_map_lookup_elem(&calls_in_flight, &tid);
	struct syscall_entry entry;

	if (!found)
		return 0;
	entry = *found;
	bpf_map_delete_elem(&calls_in_flight, &tid);
	on_exit(&entry, ret);
	return 0;
}

/*
 * A 32-bit process on x86-64 makes ia32 system calls, whose numbers mean other
 * calls; raw sys_enter passes them unchanged (the classic per-syscall
 * tracepoints skip them). TS_COMPAT in thread_info.status marks them.
 */
#define KMH_TS_COMPAT 0x0002

static __always_inline int in_compat_syscall(void)
{
#if defined(__TARGET_ARCH_x86)
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();

	if (bpf_core_field_exists(task->thread_info.status))
		return BPF_CORE_READ(task, thread_info.status) & KMH_TS_COMPAT;
#endif
	return 0;
}

static __always_inline int enter_from_regs(struct pt_regs *regs, long nr)
{
	__u32 call = call_of(nr);

	if (call == KMH_CALL_NONE || in_compat_syscall())
		return 0;
	return enter_call(call, PT_REGS_PARM1_CORE_SYSCALL(regs), PT_REGS_PARM2_CORE_SYSCALL(regs),
			  PT_REGS_PARM3_CORE_SYSCALL(regs));
}

SEC("tp_btf/sys_enter")
int BPF_PROG(sys_enter__tp_btf, struct pt_regs *regs, long nr)
{
	return enter_from_regs(regs, nr);
}

SEC("raw_tp/sys_enter")
int BPF_PROG(sys_enter__raw_tp, struct pt_regs *regs, long nr)
{
	return enter_from_regs(regs, nr);
}

/* The number of the system call `regs` are returning from, as syscall_get_nr() reads it. */
static __always_inline long exiting_nr(struct pt_regs *regs)
{
#if defined(__TARGET_ARCH_x86)
	return BPF_CORE_READ(regs, orig_ax);
#elif defined(__TARGET_ARCH_arm64)
	return BPF_CORE_READ(regs, syscallno);
#else
#error "kmemharness: add this architecture's system call number register"
#endif
}

/* Checking the number first spares every other call's exit a hash lookup. */
static __always_inline int exit_from_regs(struct pt_regs *regs, long ret)
{
	if (call_of(exiting_nr(regs)) == KMH_CALL_NONE)
		return 0;
	return exit_call(ret);
}

SEC("tp_btf/sys_exit")
int BPF_PROG(sys_exit__tp_btf, struct pt_regs *regs, long ret)
{
	return exit_from_regs(regs, ret);
}

SEC("raw_tp/sys_exit")
int BPF_PROG(sys_exit__raw_tp, struct pt_regs *regs, long ret)
{
	return exit_from_regs(regs, ret);
}

/*
 * The classic tracepoint programs of system call `name`, counted as `call`.
 * The kernel refuses to attach a program that reads past the call's own
 * arguments in the record (-EACCES), so only the first `nargs` are read.
 * They return KMH_KEEP_EVENT (task_counters.bpf.h) so perf still sees the call.
 */
#define KMH_SYSCALL_ARG(ctx, nargs, i) ((nargs) > (i) ? (ctx)->args[i] : 0)
#define KMH_SYSCALL_TRACEPOINTS(name, call, nargs)					\
	SEC("tp/syscalls/sys_enter_" #name)						\
	int name##_enter__tracepoint(struct syscall_enter_record *ctx)			\
	{										\
		enter_call(call, KMH_SYSCALL_ARG(ctx, nargs, 0), KMH_SYSCALL_ARG(ctx, nargs, 1),	\
			   KMH_SYSCALL_ARG(ctx, nargs, 2));					\
		return KMH_KEEP_EVENT;							\
	}										\
	SEC("tp/syscalls/sys_exit_" #name)						\
	int name##_exit__tracepoint(struct syscall_exit_record *ctx)			\
	{										\
		exit_call(ctx->ret);							\
		return KMH_KEEP_EVENT;							\
	}

#endif /* __KMH_SYSCALL_PAIRS_BPF_H */

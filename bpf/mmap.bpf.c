// SPDX-License-Identifier: GPL-2.0
/*
 * mmap collector: mmap, munmap and brk calls by process (comm), scope, result
 * and, for brk, the direction the break moved; with the bytes each asked for.
 *
 * mmap and munmap add their length argument. brk(addr) adds |addr - old break|,
 * the old break read from current->mm->brk at entry; brk(0) only asks where
 * the break is and adds nothing. brk() fails by returning the old break
 * instead of addr, which is counted as ENOMEM, as glibc reports it.
 */
#include "vmlinux.h"
#include <asm/unistd.h>
#include "mmap.h"
#include "task_counters.bpf.h"
#include "syscall_pairs.bpf.h"

char LICENSE[] SEC("license") = "GPL";

KMH_TASK_COUNTERS(mmap_counts, struct mmap_key);

static __always_inline __u32 call_of(long nr)
{
	switch (nr) {
	case __NR_mmap:
		return KMH_MMAP_CALL_MMAP;
	case __NR_munmap:
		return KMH_MMAP_CALL_MUNMAP;
	case __NR_brk:
		return KMH_MMAP_CALL_BRK;
	}
	return KMH_CALL_NONE;
}

static __always_inline void on_entry(struct syscall_entry *entry)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();

	if (entry->call == KMH_MMAP_CALL_BRK)
		entry->extra = BPF_CORE_READ(task, mm, brk);
}

static __always_inline void count_brk(struct mmap_key *key, __u64 requested, __u64 old_break, long ret)
{
	__u64 bytes = 0;

	key->change = KMH_BRK_NONE;
	if (requested > old_break) {
		key->change = KMH_BRK_GROW;
		bytes = requested - old_break;
	} else if (requested && requested < old_break) {
		key->change = KMH_BRK_SHRINK;
		bytes = old_break - requested;
	}
	key->error = requested && (__u64)ret != requested ? KMH_BRK_FAILED : 0;
	count_task_event(&mmap_counts, &key->task, key, bytes);
}

static __always_inline void on_exit(const struct syscall_entry *entry, long ret)
{
	struct mmap_key key = { .call = entry->call };

	if (entry->call == KMH_MMAP_CALL_BRK) {
		count_brk(&key, entry->args[0], entry->extra, ret);
		return;
	}
	key.error = syscall_error(ret);
	count_task_event(&mmap_counts, &key.task, &key, entry->args[1]);
}

KMH_SYSCALL_TRACEPOINTS(mmap, KMH_MMAP_CALL_MMAP, 6)
KMH_SYSCALL_TRACEPOINTS(munmap, KMH_MMAP_CALL_MUNMAP, 2)
KMH_SYSCALL_TRACEPOINTS(brk, KMH_MMAP_CALL_BRK, 1)

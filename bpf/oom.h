/* SPDX-License-Identifier: GPL-2.0 */
/* The oom collector's kill record and counter key, shared by BPF and user space. */
#ifndef __KMH_OOM_H
#define __KMH_OOM_H

#define KMH_OOM_UNKNOWN -1	/* constraint, order or memcg when oom_kill_process could not be traced */
#define KMH_OOM_KILL_KEYS 1024

enum oom_memory_source {
	OOM_MEMORY_NONE,	/* the victim's memory is not known */
	OOM_MEMORY_TRACEPOINT,	/* the mark_victim record's fields */
	OOM_MEMORY_TASK,	/* read from the victim's mm (mm->total_vm, mm->rss_stat) */
};

/* One OOM kill, sent through a ring buffer (kills are rare). Memory in kB. */
struct oom_kill_event {
	__u64 total_vm_kb;
	__u64 anon_rss_kb;
	__u64 file_rss_kb;
	__u64 shmem_rss_kb;
	__u64 ktime_ns;
	__u32 victim_pid;
	__u32 killer_pid;
	char victim_comm[16];
	char killer_comm[16];
	__s32 constraint;	/* enum oom_constraint, or KMH_OOM_UNKNOWN */
	__s32 order;		/* the order of the allocation that failed */
	__s32 memcg;		/* 1: a memory cgroup was over its limit, 0: the machine was out */
	__u32 scope;		/* of the task that ran the OOM killer */
	__u32 memory_source;	/* enum oom_memory_source */
	__u32 pad;
};

struct oom_kill_key {
	char comm[16];		/* the victim's */
	__s32 constraint;
	__u32 scope;
};

struct oom_kill_count {
	__u64 kills;
	__u64 rss_kb;		/* anon + file + shmem of the victims, when known */
};

#endif /* __KMH_OOM_H */

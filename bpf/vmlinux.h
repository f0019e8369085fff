/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel types kmemharness's collectors read, and nothing else.
 *
 * Every struct is marked preserve_access_index, so libbpf relocates each field
 * access against the running kernel's BTF (CO-RE): offsets written here are
 * never used, only field names and types. A full `bpftool btf dump` would
 * work too; this list documents exactly what the collectors depend on.
 */
#ifndef __KMH_VMLINUX_H
#define __KMH_VMLINUX_H

#include <linux/types.h>
#include <linux/bpf.h>

typedef __u8 u8;
typedef __u32 u32;
typedef __s32 s32;
typedef __u64 u64;
typedef unsigned int gfp_t;
typedef unsigned long size_t;
typedef _Bool bool;
#define true 1
#define false 0

#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)

struct list_head {
	struct list_head *next;
	struct list_head *prev;
};

/* fallback_choice: a free block is on its free list by lru (buddy_list, the same place, from 6.2). */
struct page {
	struct list_head lru;
};

struct kmem_cache {
	unsigned int object_size;	/* the object as asked for */
	unsigned int size;		/* the object with its metadata */
	const char *name;		/* as /proc/slabinfo shows it */
};

struct trace_entry {
	unsigned short type;
	unsigned char flags;
	unsigned char preempt_count;
	int pid;
};

struct trace_event_raw_mm_page_alloc {
	struct trace_entry ent;
	unsigned long pfn;
	unsigned int order;
	unsigned long gfp_flags;
	int migratetype;
};

struct trace_event_raw_mm_page_free {
	struct trace_entry ent;
	unsigned long pfn;
	unsigned int order;
};

struct trace_event_raw_mm_page_free_batched {
	struct trace_entry ent;
	unsigned long pfn;
};

/* mm_page_alloc_zone_locked */
struct trace_event_raw_mm_page {
	struct trace_entry ent;
	unsigned long pfn;
	unsigned int order;
	int migratetype;
	int percpu_refill;
};

struct trace_event_raw_mm_page_pcpu_drain {
	struct trace_entry ent;
	unsigned long pfn;
	unsigned int order;
	int migratetype;
};

struct trace_event_raw_mm_page_alloc_extfrag {
	struct trace_entry ent;
	unsigned long pfn;
	int alloc_order;
	int fallback_order;
	int alloc_migratetype;
	int fallback_migratetype;
	int change_ownership;
};

struct trace_event_raw_kmalloc {
	struct trace_entry ent;
	unsigned long call_site;
	const void *ptr;
	size_t bytes_req;
	size_t bytes_alloc;
	unsigned long gfp_flags;
	int node;
};

struct trace_event_raw_kmem_cache_alloc {
	struct trace_entry ent;
	unsigned long call_site;
	const void *ptr;
	u32 __data_loc_name;
	size_t bytes_req;
	size_t bytes_alloc;
	unsigned long gfp_flags;
	int node;
	bool accounted;
};

struct trace_event_raw_kfree {
	struct trace_entry ent;
	unsigned long call_site;
	const void *ptr;
};

struct trace_event_raw_kmem_cache_free {
	struct trace_entry ent;
	unsigned long call_site;
	const void *ptr;
	u32 __data_loc_name;
};

/* Tasks, address spaces and the files behind mappings (faults, mmap, hugetlb, oom collectors). */
typedef __s64 s64;

struct percpu_counter {
	s64 count;
};

struct mm_struct {
	unsigned long brk;
	unsigned long total_vm;
	struct percpu_counter rss_stat[4];	/* MM_FILEPAGES, MM_ANONPAGES, MM_SWAPENTS, MM_SHMEMPAGES */
};

/* x86: status & TS_COMPAT marks a 32-bit system call (other numbers). */
struct thread_info {
	u32 status;
};

struct task_struct {
	struct thread_info thread_info;
	int pid;
	int tgid;
	char comm[16];
	struct mm_struct *mm;
};

struct qstr {
	const unsigned char *name;
};

struct dentry {
	struct qstr d_name;
};

struct path {
	struct dentry *dentry;
};

struct file {
	struct path f_path;
};

struct vm_area_struct {
	unsigned long vm_flags;
	struct file *vm_file;
};

/* vma sits in an anonymous struct in the kernel's vm_fault; CO-RE finds it there. */
struct vm_fault {
	struct vm_area_struct *vma;
};

/* The swapin and vmscan collectors: the pages a folio spans (folio_nr_pages(), folio.bpf.h). */
enum pageflags {
	PG_head = 6,	/* CO-RE reads the kernel's own value */
};

struct folio {
	unsigned int _nr_pages;		/* recent kernels; large folios only */
	unsigned int _folio_nr_pages;	/* before */
};

/*
 * System call and kprobe arguments are read from saved registers. bpf_tracing.h
 * names the kernel's pt_regs fields (di, not rdi) when __VMLINUX_H__ is defined.
 */
#define __VMLINUX_H__
#if defined(__TARGET_ARCH_x86)
struct pt_regs {
	unsigned long di;
	unsigned long si;
	unsigned long dx;
	unsigned long cx;
	unsigned long r10;
	unsigned long r8;
	unsigned long r9;
	unsigned long orig_ax;
	unsigned long ax;
	unsigned long sp;
	unsigned long ip;
};
#elif defined(__TARGET_ARCH_arm64)
struct user_pt_regs {
	__u64 regs[31];
	__u64 sp;
	__u64 pc;
	__u64 pstate;
};

struct pt_regs {
	struct user_pt_regs user_regs;
	__u64 orig_x0;
	__s32 syscallno;
};
#endif

/* vmscan, compaction and oom collectors */

typedef unsigned int uid_t;
typedef struct { long counter; } atomic_long_t;

struct shrinker;

struct trace_event_raw_mm_vmscan_direct_reclaim_end_template {
	struct trace_entry ent;
	unsigned long nr_reclaimed;
};

struct trace_event_raw_mm_shrink_slab_end {
	struct trace_entry ent;
	struct shrinker *shr;
	int nid;
	void *shrink;
	long unused_scan;
	long new_scan;
	int retval;
	long total_scan;
};

struct compact_control {
	unsigned long nr_migratepages;	/* pages isolated for migration */
	int order;
};

struct trace_event_raw_mm_compaction_end {
	struct trace_entry ent;
	unsigned long zone_start;
	unsigned long migrate_pfn;
	unsigned long free_pfn;
	unsigned long zone_end;
	bool sync;
	int status;
};

struct trace_event_raw_mm_compaction_migratepages {
	struct trace_entry ent;
	unsigned long nr_migrated;
	unsigned long nr_failed;
};

/* mm_compaction_isolate_migratepages, _isolate_freepages, _fast_isolate_freepages */
struct trace_event_raw_mm_compaction_isolate_template {
	struct trace_entry ent;
	unsigned long start_pfn;
	unsigned long end_pfn;
	unsigned long nr_scanned;
	unsigned long nr_taken;
};

/* mm_compaction_deferred, _defer_compaction */
struct trace_event_raw_mm_compaction_defer_template {
	struct trace_entry ent;
	int nid;
	unsigned int idx;
	int order;
};

struct trace_event_raw_mm_compaction_try_to_compact_pages {
	struct trace_entry ent;
	int order;
	unsigned long gfp_mask;
	int prio;
};

/* migrate collector: values are named from BTF in user space; CO-RE wants the field to be an enum. */
enum migrate_mode { MIGRATE_ASYNC };

/*
 * The fields mirror mm_migrate_pages's arguments one for one. Debian's 6.12 and
 * 6.18 have large_folio_split, 6.1 does not; older kernels lack thp_split, and
 * older still the thp_* fields. CO-RE tells which this kernel has.
 */
struct trace_event_raw_mm_migrate_pages {
	struct trace_entry ent;
	unsigned long succeeded;
	unsigned long failed;
	unsigned long thp_succeeded;
	unsigned long thp_failed;
	unsigned long thp_split;
	unsigned long large_folio_split;
	enum migrate_mode mode;
	int reason;
};

/* mm_compaction_suitable: zone_idx() is the zone's place in its node's node_zones[]. */
struct pglist_data;

/* fallback_choice: the free lists, one per migratetype; their counts come from BTF sizes. */
struct free_area {
	struct list_head free_list[1];
	unsigned long nr_free;
};

struct zone {
	struct pglist_data *zone_pgdat;
	unsigned long zone_start_pfn;
	unsigned long spanned_pages;
	const char *name;
	struct free_area free_area[1];
};

struct pglist_data {
	struct zone node_zones[1];
};

/* Values are named from BTF in user space; CO-RE wants the field to be an enum here too. */
enum zone_type { ZONE_DMA };

struct trace_event_raw_mm_compaction_suitable_template {
	struct trace_entry ent;
	int nid;
	enum zone_type idx;
	int order;
	int ret;
};

/* Before v6.2, commit f1a7941243c1 ("mm: convert mm's rss stats into percpu_counter"). */
struct mm_rss_stat {
	atomic_long_t count[4];
};


struct mm_struct___rss_array {
	struct mm_rss_stat rss_stat;
};

struct mem_cgroup;

/* Values are named from BTF in user space; CO-RE wants the field to be an enum here too. */
enum oom_constraint { CONSTRAINT_NONE };

struct oom_control {
	struct mem_cgroup *memcg;
	int order;
	struct task_struct *chosen;
	enum oom_constraint constraint;
};

/* Since v6.8 the record carries the victim's comm and memory, before only its pid. */
struct trace_event_raw_mark_victim {
	struct trace_entry ent;
	int pid;
	u32 __data_loc_comm;
	unsigned long total_vm;
	unsigned long anon_rss;
	unsigned long file_rss;
	unsigned long shmem_rss;
	uid_t uid;
	unsigned long pgtables;
	short oom_score_adj;
};

#pragma clang attribute pop

#endif /* __KMH_VMLINUX_H */

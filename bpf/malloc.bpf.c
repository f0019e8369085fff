// SPDX-License-Identifier: GPL-2.0
/*
 * malloc collector: the workload processes' libc allocations, after bcc's
 * libbpf-tools/memleak.
 *
 * User space attaches these programs as uprobes (entry) and uretprobes
 * (return) on libc's malloc, calloc, realloc, memalign,
 * aligned_alloc, posix_memalign and free, in the workload processes only:
 * a uprobe attached to one pid puts its breakpoint in that address space
 * alone, so no other process on the machine traps. Every live allocation sits
 * in `outstanding` (address -> size, user stack, tgid, comm) until it is
 * freed; what is left at the end is what leaked. The user stack is taken at
 * the uretprobe, where the return address into the caller is the first frame:
 * at the entry uprobe that address sits at the stack pointer, not behind the
 * frame pointer, and a frame-pointer walk skips the caller.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "kmh_malloc.h"
#include "workload_scope.bpf.h"

char LICENSE[] SEC("license") = "GPL";

/* glibc's chunk header: the size word just below the pointer, bit 1 set for mmap-backed chunks. */
#define GLIBC_CHUNK_IS_MMAPPED 0x2

/* A call between its entry and return; `nested` counts allocator calls made inside it. */
struct pending_call {
	__u64 size;
	__u64 old_ptr;	/* realloc: the block it replaces */
	__u64 out_ptr;	/* posix_memalign: where it stores the result */
	__u32 nested;
	__u32 padding;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, __u32);
	__type(value, struct pending_call);
} pending SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, KMH_MALLOC_OUTSTANDING);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, __u64);
	__type(value, struct malloc_outstanding);
} outstanding SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_STACK_TRACE);
	__uint(max_entries, KMH_MALLOC_STACKS);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, KMH_MALLOC_STACK_DEPTH * sizeof(__u64));
} stacks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, KMH_MALLOC_STACKS);
	__type(key, __s32);
	__type(value, struct malloc_stack_totals);
} stack_totals SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, 1024);
	__type(key, char[KMH_COMM_LEN]);
	__type(value, struct malloc_totals);
} totals SEC(".maps");

static __always_inline void *lookup_or_zero(void *map, const void *key, const void *zero)
{
	void *value = bpf_map_lookup_elem(map, key);

	if (value)
		return value;
	bpf_map_update_elem(map, key, zero, BPF_NOEXIST);
	return bpf_map_lookup_elem(map, key);
}

static __always_inline struct malloc_totals *totals_of(const char *comm)
{
	static const struct malloc_totals zero;

	return lookup_or_zero(&totals, comm, &zero);
}

/*
 * An allocator call begins. realloc(NULL, n), memalign with a small alignment
 * and posix_memalign call malloc inside libc: such an inner call only bumps
 * `nested`, so the outer call is counted once, with its own arguments.
 */
static __always_inline int enter_call(__u64 size, __u64 old_ptr, __u64 out_ptr)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct pending_call call = { .size = size, .old_ptr = old_ptr, .out_ptr = out_ptr };
	struct pending_call *outer;

	if (!in_workload())
		return 0;
	outer = bpf_map_lookup_elem(&pending, &tid);
	if (outer) {
		outer->nested++;
		return 0;
	}
	bpf_map_update_elem(&pending, &tid, &call, BPF_ANY);
	return 0;
}

/* The call of this thread that just returned, or 0 for an inner call (or none we saw begin). */
static __always_inline int leave_call(struct pending_call *call)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct pending_call *pending_call = bpf_map_lookup_elem(&pending, &tid);

	if (!pending_call)
		return 0;
	if (pending_call->nested) {
		pending_call->nested--;
		return 0;
	}
	*call = *pending_call;
	bpf_map_delete_elem(&pending, &tid);
	return 1;
}

static __always_inline void forget(__u64 ptr, struct malloc_totals *counts)
{
	counts->free_events++;
	bpf_map_delete_elem(&outstanding, &ptr);
}

static __always_inline int is_mmapped_chunk(__u64 ptr)
{
	__u64 size_word = 0;

	bpf_probe_read_user(&size_word, sizeof(size_word), (void *)(ptr - sizeof(size_word)));
	return size_word & GLIBC_CHUNK_IS_MMAPPED;
}

static __always_inline void count_stack(__s32 stack_id, __u64 size)
{
	static const struct malloc_stack_totals zero;
	struct malloc_stack_totals *sums = lookup_or_zero(&stack_totals, &stack_id, &zero);

	if (!sums)
		return;
	sums->alloc_events++;
	sums->alloc_bytes += size;
	sums->tgid = bpf_get_current_pid_tgid() >> 32;
}

static __always_inline void record(struct pt_regs *ctx, __u64 ptr, __u64 size, struct malloc_totals *counts,
				   const char *comm)
{
	struct malloc_outstanding block = { .size = size, .tgid = bpf_get_current_pid_tgid() >> 32 };
	long stack_id = bpf_get_stackid(ctx, &stacks, BPF_F_USER_STACK);

	block.stack_id = stack_id < 0 ? KMH_MALLOC_NO_STACK : (__s32)stack_id;
	__builtin_memcpy(block.comm, comm, KMH_COMM_LEN);
	if (bpf_map_update_elem(&outstanding, &ptr, &block, BPF_ANY) != 0)
		counts->untracked_events++;
	counts->alloc_events++;
	counts->alloc_bytes += size;
	if (is_mmapped_chunk(ptr)) {
		counts->mmapped_events++;
		counts->mmapped_bytes += size;
	}
	count_stack(block.stack_id, size);
}

/* A call returned `ptr`: realloc's old block is gone, the new one is live. */
static __always_inline int on_result(struct pt_regs *ctx, const struct pending_call *call, __u64 ptr)
{
	char comm[KMH_COMM_LEN] = {};
	struct malloc_totals *counts;

	if (!ptr)
		return 0;
	bpf_get_current_comm(comm, sizeof(comm));
	counts = totals_of(comm);
	if (!counts)
		return 0;
	if (call->old_ptr)
		forget(call->old_ptr, counts);
	record(ctx, ptr, call->size, counts, comm);
	return 0;
}

SEC("uprobe")
int BPF_KPROBE(malloc_enter, size_t size)
{
	return enter_call(size, 0, 0);
}

SEC("uprobe")
int BPF_KPROBE(calloc_enter, size_t count, size_t size)
{
	return enter_call((__u64)count * size, 0, 0);
}

SEC("uprobe")
int BPF_KPROBE(realloc_enter, void *old_ptr, size_t size)
{
	return enter_call(size, (__u64)old_ptr, 0);
}

/* memalign(alignment, size) and aligned_alloc(alignment, size). */
SEC("uprobe")
int BPF_KPROBE(memalign_enter, size_t alignment, size_t size)
{
	return enter_call(size, 0, 0);
}

SEC("uprobe")
int BPF_KPROBE(posix_memalign_enter, void **out_ptr, size_t alignment, size_t size)
{
	return enter_call(size, 0, (__u64)out_ptr);
}

/* The return of every allocator that returns the block: malloc, calloc, realloc, memalign, aligned_alloc. */
SEC("uretprobe")
int BPF_KRETPROBE(alloc_return, void *ptr)
{
	struct pending_call call;

	if (!leave_call(&call))
		return 0;
	return on_result(ctx, &call, (__u64)ptr);
}

SEC("uretprobe")
int BPF_KRETPROBE(posix_memalign_return, int error)
{
	struct pending_call call;
	__u64 ptr = 0;

	if (!leave_call(&call) || error)
		return 0;
	bpf_probe_read_user(&ptr, sizeof(ptr), (void *)call.out_ptr);
	return on_result(ctx, &call, ptr);
}

SEC("uprobe")
int BPF_KPROBE(free_enter, void *ptr)
{
	char comm[KMH_COMM_LEN] = {};
	struct malloc_totals *counts;

	if (!ptr || !in_workload())
		return 0;
	bpf_get_current_comm(comm, sizeof(comm));
	counts = totals_of(comm);
	if (counts)
		forget((__u64)ptr, counts);
	return 0;
}

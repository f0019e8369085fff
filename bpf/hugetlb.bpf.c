// SPDX-License-Identifier: GPL-2.0
/*
 * hugetlb collector: faults on hugetlb mappings by process (comm), scope and
 * mapping (the name of the file behind the vma), and the copy-on-write faults
 * among them.
 *
 * There is no hugetlb fault tracepoint: handle_mm_fault() hands every fault on
 * a hugetlb vma to hugetlb_fault(), probed here by fentry or kprobe. Its
 * copy-on-write path has changed name and arguments across kernels:
 *   5.x:           hugetlb_cow(mm, vma, address, ptep, pagecache_page, ptl)
 *   6.1 (Debian):  hugetlb_wp(mm, vma, address, ptep, flags, pagecache_page, ptl)
 *   6.18 (here):   hugetlb_wp(struct vm_fault *vmf)
 * (the last two read from those kernels' BTF). User space looks the function
 * up in the running kernel's BTF and loads only the programs that fit: layout
 * "vma" when its second argument is the vma, "vmf" when its only one is a vm_fault.
 *
 * Kernels built without kprobes and without BPF trampolines (this project's CI
 * host) get the tp_btf variant: every page fault exception on x86
 * (exceptions:page_fault_user/page_fault_kernel) looks its address up with
 * bpf_find_vma() and counts the faults on VM_HUGETLB vmas. A write fault on a
 * present page (X86_PF_WRITE | X86_PF_PROT) of a private one is what
 * hugetlb_wp() handles, and is counted as copy-on-write. bpf_find_vma() only
 * try-locks mmap_lock: a fault it cannot look up is counted as unclassified.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "hugetlb.h"
#include "task_counters.bpf.h"

char LICENSE[] SEC("license") = "GPL";

KMH_TASK_COUNTERS(hugetlb_counts, struct hugetlb_key);

/* The name of the file behind `vma` into `mapping`; it stays empty without one. */
static __always_inline void read_mapping_name(char *mapping, struct vm_area_struct *vma)
{
	struct file *file = BPF_CORE_READ(vma, vm_file);

	if (file)
		bpf_probe_read_kernel_str(mapping, KMH_MAPPING_LEN, BPF_CORE_READ(file, f_path.dentry, d_name.name));
}

static __always_inline int on_hugetlb(__u32 kind, struct vm_area_struct *vma)
{
	struct hugetlb_key key = { .kind = kind };

	read_mapping_name(key.mapping, vma);
	count_task_event(&hugetlb_counts, &key.task, &key, 0);
	return 0;
}

#define KMH_EBUSY 16
#define KMH_VM_SHARED 0x00000008
#define KMH_VM_HUGETLB 0x00400000
#define KMH_PF_PROT 0x1
#define KMH_PF_WRITE 0x2

struct fault_lookup {
	unsigned long error_code;
	struct hugetlb_key key;
	__u32 hugetlb;		/* the address is in a VM_HUGETLB vma */
	__u32 pad;
};

static long classify_vma(struct task_struct *task, struct vm_area_struct *vma, struct fault_lookup *lookup)
{
	unsigned long flags = BPF_CORE_READ(vma, vm_flags);
	unsigned long wp = KMH_PF_WRITE | KMH_PF_PROT;

	if (!(flags & KMH_VM_HUGETLB))
		return 0;
	lookup->hugetlb = 1;
	if ((lookup->error_code & wp) == wp && !(flags & KMH_VM_SHARED))
		lookup->key.kind = KMH_HUGETLB_COW;
	read_mapping_name(lookup->key.mapping, vma);
	return 0;
}

static __always_inline int on_fault_exception(unsigned long address, unsigned long error_code)
{
	struct fault_lookup lookup = { .error_code = error_code, .key.kind = KMH_HUGETLB_FAULT };
	long found = bpf_find_vma(bpf_get_current_task_btf(), address, classify_vma, &lookup, 0);

	if (found == -KMH_EBUSY) {
		lookup.key.kind = KMH_HUGETLB_UNCLASSIFIED;
		count_task_event(&hugetlb_counts, &lookup.key.task, &lookup.key, 0);
		return 0;
	}
	if (!lookup.hugetlb)
		return 0;
	/* A copy-on-write fault is a hugetlb fault too, as with the function probes. */
	if (lookup.key.kind == KMH_HUGETLB_COW) {
		count_task_event(&hugetlb_counts, &lookup.key.task, &lookup.key, 0);
		lookup.key.kind = KMH_HUGETLB_FAULT;
	}
	count_task_event(&hugetlb_counts, &lookup.key.task, &lookup.key, 0);
	return 0;
}

SEC("tp_btf/page_fault_user")
int BPF_PROG(page_fault_user__tp_btf, unsigned long address, struct pt_regs *regs, unsigned long error_code)
{
	return on_fault_exception(address, error_code);
}

SEC("tp_btf/page_fault_kernel")
int BPF_PROG(page_fault_kernel__tp_btf, unsigned long address, struct pt_regs *regs, unsigned long error_code)
{
	return on_fault_exception(address, error_code);
}

/*
 * The fentry and kprobe programs on kernel function `function`, named with
 * `layout` ("" or "__vma"/"__vmf"), counting `kind` for the vma `vma_of` finds
 * among the arguments `...`.
 */
#define KMH_FUNCTION_PROBES(function, layout, kind, vma_of, ...)		\
	SEC("fentry/" #function)						\
	int BPF_PROG(function##__fentry##layout, __VA_ARGS__)			\
	{									\
		return on_hugetlb(kind, vma_of);				\
	}									\
	SEC("kprobe/" #function)						\
	int BPF_KPROBE(function##__kprobe##layout, __VA_ARGS__)			\
	{									\
		return on_hugetlb(kind, vma_of);				\
	}

KMH_FUNCTION_PROBES(hugetlb_fault, , KMH_HUGETLB_FAULT, vma, struct mm_struct *mm, struct vm_area_struct *vma)
KMH_FUNCTION_PROBES(hugetlb_wp, __vmf, KMH_HUGETLB_COW, BPF_CORE_READ(vmf, vma), struct vm_fault *vmf)
KMH_FUNCTION_PROBES(hugetlb_wp, __vma, KMH_HUGETLB_COW, vma, struct mm_struct *mm, struct vm_area_struct *vma)
KMH_FUNCTION_PROBES(hugetlb_cow, __vma, KMH_HUGETLB_COW, vma, struct mm_struct *mm, struct vm_area_struct *vma)

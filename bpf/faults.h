/* SPDX-License-Identifier: GPL-2.0 */
/* Key of the faults collector's per-CPU hash, shared by BPF and user space. */
#ifndef __KMH_FAULTS_H
#define __KMH_FAULTS_H

#include "task_counters.h"

#define KMH_FAULT_USER 0	/* exceptions:page_fault_user: the CPU was in user mode */
#define KMH_FAULT_KERNEL 1	/* exceptions:page_fault_kernel: in kernel mode (copy_to_user, ...) */

struct fault_key {
	struct task_scope task;
	__u32 mode;
	__u32 pad;
};

#endif /* __KMH_FAULTS_H */

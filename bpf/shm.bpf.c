// SPDX-License-Identifier: GPL-2.0
/*
 * shm collector: System V shared memory calls (shmget, shmat, shmdt, shmctl)
 * by process (comm), scope, result, and the segment's key and size.
 *
 * Only shmget names a key; the other calls name a segment by id (shmat,
 * shmctl) or by address (shmdt). So the collector remembers the key and size
 * of every segment a successful shmget returned, and the segment id of every
 * address a successful shmat returned, and labels the later calls with them.
 * A segment whose shmget happened before the collector attached is unknown.
 * Ids are remembered without their IPC namespace: processes in two namespaces
 * using the same id would share labels.
 */
#include "vmlinux.h"
#include <asm/unistd.h>
#include "shm.h"
#include "task_counters.bpf.h"
#include "syscall_pairs.bpf.h"

char LICENSE[] SEC("license") = "GPL";

#define KMH_IPC_64 0x0100	/* the layout flag glibc may add to shmctl's cmd */

KMH_TASK_COUNTERS(shm_counts, struct shm_key);

struct segment {
	__u32 ipc_key;
	__u32 pad;
	__u64 size;
};

struct attachment {
	__u32 tgid;
	__u32 pad;
	__u64 address;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, KMH_SHM_SEGMENTS);
	__type(key, __s32);
	__type(value, struct segment);
} segments SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, KMH_SHM_SEGMENTS);
	__type(key, struct attachment);
	__type(value, __s32);
} attachments SEC(".maps");

static __always_inline __u32 call_of(long nr)
{
	switch (nr) {
	case __NR_shmget:
		return KMH_SHM_CALL_SHMGET;
	case __NR_shmat:
		return KMH_SHM_CALL_SHMAT;
	case __NR_shmdt:
		return KMH_SHM_CALL_SHMDT;
	case __NR_shmctl:
		return KMH_SHM_CALL_SHMCTL;
	}
	return KMH_CALL_NONE;
}

static __always_inline void on_entry(struct syscall_entry *entry)
{
}

static __always_inline struct attachment attachment_at(__u64 address)
{
	struct attachment where = { .tgid = bpf_get_current_pid_tgid() >> 32, .address = address };

	return where;
}

/* Label the call with what is known of segment `shmid`. */
static __always_inline void label_segment(struct shm_key *key, __s32 shmid)
{
	struct segment *segment = bpf_map_lookup_elem(&segments, &shmid);

	if (!segment)
		return;
	key->ipc_key = segment->ipc_key;
	key->size = segment->size;
	key->known = 1;
}

static __always_inline void on_shmget(struct shm_key *key, const struct syscall_entry *entry, long ret)
{
	struct segment segment = { .ipc_key = entry->args[0], .size = entry->args[1] };
	__s32 shmid = ret;

	key->ipc_key = segment.ipc_key;
	key->size = segment.size;
	key->known = 1;
	/* A lookup by key may ask for size 0: keep the size the segment was made with. */
	if (!key->error && (segment.size || !bpf_map_lookup_elem(&segments, &shmid)))
		bpf_map_update_elem(&segments, &shmid, &segment, BPF_ANY);
}

static __always_inline void on_shmat(struct shm_key *key, const struct syscall_entry *entry, long ret)
{
	__s32 shmid = entry->args[0];
	struct attachment where = attachment_at(ret);

	label_segment(key, shmid);
	if (!key->error)
		bpf_map_update_elem(&attachments, &where, &shmid, BPF_ANY);
}

static __always_inline void on_shmdt(struct shm_key *key, const struct syscall_entry *entry)
{
	struct attachment where = attachment_at(entry->args[0]);
	__s32 *shmid = bpf_map_lookup_elem(&attachments, &where);

	if (!shmid)
		return;
	label_segment(key, *shmid);
	if (!key->error)
		bpf_map_delete_elem(&attachments, &where);
}

static __always_inline void on_exit(const struct syscall_entry *entry, long ret)
{
	struct shm_key key = { .call = entry->call, .error = syscall_error(ret), .cmd = KMH_SHM_NO_CMD };

	switch (entry->call) {
	case KMH_SHM_CALL_SHMGET:
		on_shmget(&key, entry, ret);
		break;
	case KMH_SHM_CALL_SHMAT:
		on_shmat(&key, entry, ret);
		break;
	case KMH_SHM_CALL_SHMDT:
		on_shmdt(&key, entry);
		break;
	case KMH_SHM_CALL_SHMCTL:
		key.cmd = entry->args[1] & ~KMH_IPC_64;
		label_segment(&key, entry->args[0]);
		break;
	}
	count_task_event(&shm_counts, &key.task, &key, 0);
}

KMH_SYSCALL_TRACEPOINTS(shmget, KMH_SHM_CALL_SHMGET, 3)
KMH_SYSCALL_TRACEPOINTS(shmat, KMH_SHM_CALL_SHMAT, 3)
KMH_SYSCALL_TRACEPOINTS(shmdt, KMH_SHM_CALL_SHMDT, 1)
KMH_SYSCALL_TRACEPOINTS(shmctl, KMH_SHM_CALL_SHMCTL, 3)

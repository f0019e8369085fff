// SPDX-License-Identifier: GPL-2.0
/*
 * kmemharness_workloads.c - kernel allocations on request, for the kmemharness harness.
 *
 * User space writes one request per write(2) to /sys/kernel/debug/kmemharness/control; a
 * per-CPU kthread ("kmh_worker/<cpu>") performs exactly the allocations and frees asked for,
 * so that tracepoint events can be attributed to the module by the workers' pids.
 * Modelled on lib/test_vmalloc.c and the bpf selftests' bpf_testmod.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitops.h>
#include <linux/completion.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/ctype.h>
#include <linux/debugfs.h>
#include <linux/gfp.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/overflow.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <linux/wait.h>

#include "kmemharness_bounds.h"

/**
 * DOC: control interface
 *
 * Files in /sys/kernel/debug/kmemharness/:
 *
 * ``control`` (0600): write ONE request per write(2), an op word followed by key=value pairs
 * separated by spaces::
 *
 *   kmalloc       size=<1..KMALLOC_MAX_SIZE> [gfp=<flags>] [zero=0|1]  + common keys
 *   cache_create  name=<tag> object_size=<8..65536> [align=<0|2^n <= 4096>] [flags=<slab flags>]
 *   cache_alloc   name=<tag> [gfp=<flags>] [zero=0|1]                  + common keys
 *   cache_destroy name=<tag>
 *   vmalloc       size=<4096..256MiB> [variant=vmalloc|vzalloc|kvmalloc]
 *                 [gfp=<flags>, kvmalloc only]
 *                                                                      + common keys
 *   alloc_pages   [order=<0..KMH_MAX_ORDER>] [gfp=<flags>] [sieve=0|1]  + common keys
 *   release       tag=<tag> [free_cpu=<cpu>]
 *   crash         (no keys: BUG() in the writer's context, so that a harness can check how it
 *                 reports a kernel that crashed; with oops=panic, as in its guests, the kernel
 *                 panics)
 *
 * common keys: count=<1..1000000> (default 1), cpu=<online cpu> (default 0),
 * free_cpu=<online cpu> (default: cpu), hold=<tag> (keep the objects until ``release``).
 *
 * alloc_pages sieve=1 (order >= 1, no __GFP_COMP) splits each block it gets and frees every page
 * of it at once but the second: the object kept (and its bytes) is that one page, and the
 * block's other pages are left free as buddies of orders 0 to order - 1 that cannot merge while
 * it is held.
 *
 * The write returns the number of bytes written on success, or a negative errno: -EINVAL for a
 * malformed or out-of-range request, -E2BIG when the memory the request would hold exceeds half
 * of MemAvailable, -ENOMEM when an allocation failed (what was allocated is freed), -ENOENT for
 * an unknown tag or cache, -EEXIST for a tag or cache name in use, -EBUSY for a cache that
 * still has objects, -EINTR when the writer got a fatal signal while waiting.
 * Reading ``control`` returns one line: the outcome of the last request written through the
 * same open file (or, on a fresh open, of the last request of anyone), either
 * "ok <op> count=N bytes=N ..." or "error <op>: <reason>".
 *
 * ``workers`` (0444): "cpu=<n> pid=<pid>" per worker kthread.
 * ``held`` (0444): "tag=<t> kind=<k> count=<n> bytes=<b>" per held set of objects.
 */

#define KMH_MAX_REQUEST		512
#define KMH_MAX_REPLY		512
#define KMH_CACHE_PREFIX	"kmh_"
#define KMH_BUDGET_DIVISOR	2

/*
 * The highest order the page allocator hands out. MAX_ORDER changed meaning from exclusive to
 * inclusive in v6.4 (commit 23baf831a32c "mm, treewide: redefine MAX_ORDER sanely") and was
 * renamed MAX_PAGE_ORDER in v6.8; KMALLOC_SHIFT_MAX followed both, so derive the order from it.
 */
#define KMH_MAX_ORDER		(KMALLOC_SHIFT_MAX - PAGE_SHIFT)

/* A request's operation; indexes kmh_ops[]. */
enum kmh_op {
	KMH_OP_KMALLOC,
	KMH_OP_CACHE_CREATE,
	KMH_OP_CACHE_ALLOC,
	KMH_OP_CACHE_DESTROY,
	KMH_OP_VMALLOC,
	KMH_OP_ALLOC_PAGES,
	KMH_OP_RELEASE,
	KMH_OP_CRASH,
	KMH_NR_OPS,
};

/* The keys of a request; indexes kmh_key_names[]. */
enum kmh_key {
	KMH_KEY_COUNT,
	KMH_KEY_CPU,
	KMH_KEY_FREE_CPU,
	KMH_KEY_HOLD,
	KMH_KEY_SIZE,
	KMH_KEY_GFP,
	KMH_KEY_ZERO,
	KMH_KEY_NAME,
	KMH_KEY_OBJECT_SIZE,
	KMH_KEY_ALIGN,
	KMH_KEY_FLAGS,
	KMH_KEY_VARIANT,
	KMH_KEY_ORDER,
	KMH_KEY_TAG,
	KMH_KEY_SIEVE,
	KMH_NR_KEYS,
};

static const char * const kmh_key_names[KMH_NR_KEYS] = {
	[KMH_KEY_COUNT] = "count",		[KMH_KEY_CPU] = "cpu",
	[KMH_KEY_FREE_CPU] = "free_cpu",	[KMH_KEY_HOLD] = "hold",
	[KMH_KEY_SIZE] = "size",		[KMH_KEY_GFP] = "gfp",
	[KMH_KEY_ZERO] = "zero",		[KMH_KEY_NAME] = "name",
	[KMH_KEY_OBJECT_SIZE] = "object_size",	[KMH_KEY_ALIGN] = "align",
	[KMH_KEY_FLAGS] = "flags",		[KMH_KEY_VARIANT] = "variant",
	[KMH_KEY_ORDER] = "order",		[KMH_KEY_TAG] = "tag",
	[KMH_KEY_SIEVE] = "sieve",
};

/* What kind of objects a set holds, which decides how they are allocated and freed. */
enum kmh_kind {
	KMH_KIND_KMALLOC,
	KMH_KIND_CACHE,
	KMH_KIND_VMALLOC,
	KMH_KIND_PAGES,
};

static const char * const kmh_kind_names[] = {
	[KMH_KIND_KMALLOC] = "kmalloc",
	[KMH_KIND_CACHE] = "cache",
	[KMH_KIND_VMALLOC] = "vmalloc",
	[KMH_KIND_PAGES] = "pages",
};

enum kmh_variant {
	KMH_VARIANT_VMALLOC,
	KMH_VARIANT_VZALLOC,
	KMH_VARIANT_KVMALLOC,
};

static const char * const kmh_variant_names[] = {
	[KMH_VARIANT_VMALLOC] = "vmalloc",
	[KMH_VARIANT_VZALLOC] = "vzalloc",
	[KMH_VARIANT_KVMALLOC] = "kvmalloc",
};

/**
 * struct kmh_gfp_name - a GFP flag name accepted in gfp=.
 * @name: the name as written in a request.
 * @flags: its value.
 * @base: one of the GFP_* sets; a request names exactly one of them.
 */
struct kmh_gfp_name {
	const char *name;
	gfp_t flags;
	bool base;
};

enum kmh_gfp_index {
	KMH_GFP_KERNEL,
	KMH_GFP_KERNEL_ACCOUNT,
	KMH_GFP_NOWAIT,
	KMH_GFP_ATOMIC,
	KMH_GFP_HIGHUSER_MOVABLE,
	KMH_GFP_RECLAIMABLE,
	KMH_GFP_ZERO,
	KMH_GFP_NOWARN,
	KMH_GFP_COMP,
	KMH_GFP_MOVABLE,
	KMH_NR_GFP,
};

static const struct kmh_gfp_name kmh_gfp_names[KMH_NR_GFP] = {
	[KMH_GFP_KERNEL] = { "GFP_KERNEL", GFP_KERNEL, true },
	[KMH_GFP_KERNEL_ACCOUNT] = { "GFP_KERNEL_ACCOUNT", GFP_KERNEL_ACCOUNT, true },
	[KMH_GFP_NOWAIT] = { "GFP_NOWAIT", GFP_NOWAIT, true },
	[KMH_GFP_ATOMIC] = { "GFP_ATOMIC", GFP_ATOMIC, true },
	[KMH_GFP_HIGHUSER_MOVABLE] = { "GFP_HIGHUSER_MOVABLE", GFP_HIGHUSER_MOVABLE, true },
	[KMH_GFP_RECLAIMABLE] = { "__GFP_RECLAIMABLE", __GFP_RECLAIMABLE, false },
	[KMH_GFP_ZERO] = { "__GFP_ZERO", __GFP_ZERO, false },
	[KMH_GFP_NOWARN] = { "__GFP_NOWARN", __GFP_NOWARN, false },
	[KMH_GFP_COMP] = { "__GFP_COMP", __GFP_COMP, false },
	[KMH_GFP_MOVABLE] = { "__GFP_MOVABLE", __GFP_MOVABLE, false },
};

/* Slab objects: no highmem or movable pages (slab would reject them loudly). */
#define KMH_GFP_SLAB	(BIT(KMH_GFP_KERNEL) | BIT(KMH_GFP_KERNEL_ACCOUNT) | BIT(KMH_GFP_NOWAIT) | \
			 BIT(KMH_GFP_ATOMIC) | BIT(KMH_GFP_RECLAIMABLE) | BIT(KMH_GFP_ZERO) | \
			 BIT(KMH_GFP_NOWARN) | BIT(KMH_GFP_COMP))
/* kvmalloc may sleep in its vmalloc fallback and passes no compound or mobility hints on. */
#define KMH_GFP_KVMALLOC	(BIT(KMH_GFP_KERNEL) | BIT(KMH_GFP_KERNEL_ACCOUNT) | BIT(KMH_GFP_ZERO) | \
				 BIT(KMH_GFP_NOWARN))
#define KMH_GFP_PAGES	(BIT(KMH_NR_GFP) - 1)

static const struct {
	const char *name;
	slab_flags_t flags;
} kmh_slab_flag_names[] = {
	{ "SLAB_RECLAIM_ACCOUNT", SLAB_RECLAIM_ACCOUNT },
	{ "SLAB_ACCOUNT", SLAB_ACCOUNT },
	{ "SLAB_HWCACHE_ALIGN", SLAB_HWCACHE_ALIGN },
};

/**
 * struct kmh_request - one parsed control request.
 * @given: bit per &enum kmh_key present in the request.
 * @count: objects to allocate.
 * @cpu: the CPU whose worker allocates.
 * @free_cpu: the CPU whose worker frees.
 * @hold: tag under which the objects are kept, or "".
 * @size: bytes per object (kmalloc, vmalloc).
 * @gfp: allocation flags.
 * @gfp_names: bit per &enum kmh_gfp_index named in gfp=.
 * @zero: kzalloc/kmem_cache_zalloc instead of kmalloc/kmem_cache_alloc.
 * @name: cache tag (cache_*).
 * @object_size: cache object size (cache_create).
 * @align: cache alignment (cache_create).
 * @flags: cache flags (cache_create).
 * @variant: vmalloc variant.
 * @order: page order (alloc_pages).
 * @tag: held tag (release).
 * @sieve: keep one page of each block, free the rest at once (alloc_pages).
 */
struct kmh_request {
	unsigned long given;
	unsigned long count;
	unsigned int cpu;
	unsigned int free_cpu;
	char hold[KMH_TAG_LEN];
	size_t size;
	gfp_t gfp;
	unsigned long gfp_names;
	bool zero;
	char name[KMH_TAG_LEN];
	unsigned int object_size;
	unsigned int align;
	slab_flags_t flags;
	enum kmh_variant variant;
	unsigned int order;
	char tag[KMH_TAG_LEN];
	bool sieve;
};

struct kmh_call;

/**
 * struct kmh_op_desc - one row of the table of operations.
 * @name: the op word.
 * @allowed: bit per &enum kmh_key the op accepts.
 * @required: bit per &enum kmh_key the op needs.
 * @gfp_allowed: bit per &enum kmh_gfp_index the op accepts in gfp=.
 * @validate: checks that need the whole request, or NULL.
 * @execute: performs the request and writes the reply.
 */
struct kmh_op_desc {
	const char *name;
	unsigned long allowed;
	unsigned long required;
	unsigned long gfp_allowed;
	int (*validate)(struct kmh_call *call);
	int (*execute)(struct kmh_call *call);
};

/* One write(2): the op, its parsed request and the reply line being built. */
struct kmh_call {
	const struct kmh_op_desc *desc;
	struct kmh_request req;
	char reply[KMH_MAX_REPLY];
};

/* A cache made by cache_create; @users counts requests in flight and held sets using it. */
struct kmh_cache {
	struct list_head node;
	char kernel_name[sizeof(KMH_CACHE_PREFIX) + KMH_TAG_LEN];
	struct kmem_cache *cache;
	unsigned long users;
};

/**
 * struct kmh_set - the objects of one request.
 * @node: in kmh_held while held.
 * @tag: hold tag, or "".
 * @pending: the tag is reserved but the objects are not allocated yet.
 * @kind: how the objects are allocated and freed.
 * @variant: for KMH_KIND_VMALLOC.
 * @cache: for KMH_KIND_CACHE.
 * @size: bytes requested per object.
 * @order: for KMH_KIND_PAGES.
 * @sieve: for KMH_KIND_PAGES: each object is the one page kept of its block.
 * @cpu: the CPU that allocated.
 * @free_cpu: the CPU that frees by default.
 * @count: objects in @objs.
 * @objs: the objects (struct page * for pages), allocated by the writer before dispatch.
 */
struct kmh_set {
	struct list_head node;
	char tag[KMH_TAG_LEN];
	bool pending;
	enum kmh_kind kind;
	enum kmh_variant variant;
	struct kmh_cache *cache;
	size_t size;
	unsigned int order;
	bool sieve;
	unsigned int cpu;
	unsigned int free_cpu;
	unsigned long count;
	void **objs;
};

/**
 * struct kmh_job - work handed to a worker.
 * @node: in the worker's queue.
 * @fn: what the worker runs.
 * @set: the objects to allocate into or free.
 * @target: objects @set should hold after an allocation job.
 * @gfp: allocation flags.
 * @zero: zeroing variant of the allocator.
 * @ns: time @fn took, measured on the worker.
 * @cancelled: set by a writer that got a fatal signal; the worker stops at the next object.
 * @done: completed by the worker.
 */
struct kmh_job {
	struct list_head node;
	void (*fn)(struct kmh_job *job);
	struct kmh_set *set;
	unsigned long target;
	gfp_t gfp;
	bool zero;
	u64 ns;
	bool cancelled;
	struct completion done;
};

/* A per-CPU kthread and its queue of jobs. */
struct kmh_worker {
	struct task_struct *task;
	spinlock_t lock;
	struct list_head jobs;
	wait_queue_head_t wait;
};

/*
 * One open file of control: its request buffer and last call live here, allocated at open(2),
 * so that a write allocates nothing but the set and its pointer array.
 */
struct kmh_file {
	struct mutex lock;
	char line[KMH_MAX_REQUEST];
	struct kmh_call call;
};

static struct kmh_worker *kmh_workers;
static struct dentry *kmh_debugfs;
static DEFINE_MUTEX(kmh_lock);		/* kmh_caches, kmh_held */
static LIST_HEAD(kmh_caches);
static LIST_HEAD(kmh_held);
static DEFINE_SPINLOCK(kmh_reply_lock);
static char kmh_last_reply[KMH_MAX_REPLY] = "none: no request yet";

static __printf(3, 4) int kmh_fail(struct kmh_call *call, int err, const char *fmt, ...)
{
	const char *op = call->desc ? call->desc->name : "request";
	int len = scnprintf(call->reply, sizeof(call->reply), "error %s: ", op);
	va_list args;

	va_start(args, fmt);
	len += vscnprintf(call->reply + len, sizeof(call->reply) - len, fmt, args);
	va_end(args);
	return err;
}

static __printf(2, 3) void kmh_succeed(struct kmh_call *call, const char *fmt, ...)
{
	int len = scnprintf(call->reply, sizeof(call->reply), "ok %s ", call->desc->name);
	va_list args;

	va_start(args, fmt);
	vscnprintf(call->reply + len, sizeof(call->reply) - len, fmt, args);
	va_end(args);
}

/* Adds " <text>" to a reply kmh_succeed() started. */
static __printf(2, 3) void kmh_append(struct kmh_call *call, const char *fmt, ...)
{
	size_t len = strlen(call->reply);
	va_list args;

	len += scnprintf(call->reply + len, sizeof(call->reply) - len, " ");
	va_start(args, fmt);
	vscnprintf(call->reply + len, sizeof(call->reply) - len, fmt, args);
	va_end(args);
}

/* ---- workers ---------------------------------------------------------------------------- */

static bool kmh_cpu_has_worker(unsigned int cpu)
{
	return cpu < nr_cpu_ids && kmh_workers[cpu].task && cpu_online(cpu);
}

static struct kmh_job *kmh_next_job(struct kmh_worker *worker)
{
	struct kmh_job *job;

	spin_lock(&worker->lock);
	job = list_first_entry_or_null(&worker->jobs, struct kmh_job, node);
	if (job)
		list_del(&job->node);
	spin_unlock(&worker->lock);
	return job;
}

static bool kmh_has_job(struct kmh_worker *worker)
{
	bool any;

	spin_lock(&worker->lock);
	any = !list_empty(&worker->jobs);
	spin_unlock(&worker->lock);
	return any;
}

static int kmh_worker_fn(void *data)
{
	struct kmh_worker *worker = data;
	struct kmh_job *job;

	while (!kthread_should_stop()) {
		wait_event_idle(worker->wait, kmh_has_job(worker) || kthread_should_stop());
		job = kmh_next_job(worker);
		if (!job)
			continue;
		if (!READ_ONCE(job->cancelled))
			job->fn(job);
		complete(&job->done);
	}
	return 0;
}

/*
 * Runs @job on @cpu's worker and waits for it. A fatal signal cancels the job (the worker
 * stops before its next object) and returns -EINTR once the worker has let go of it.
 */
static int kmh_run_job(unsigned int cpu, struct kmh_job *job)
{
	struct kmh_worker *worker = &kmh_workers[cpu];

	init_completion(&job->done);
	spin_lock(&worker->lock);
	list_add_tail(&job->node, &worker->jobs);
	spin_unlock(&worker->lock);
	wake_up(&worker->wait);
	if (!wait_for_completion_killable(&job->done))
		return 0;
	WRITE_ONCE(job->cancelled, true);
	wait_for_completion(&job->done);
	return -EINTR;
}

static int kmh_start_worker(unsigned int cpu)
{
	struct kmh_worker *worker = &kmh_workers[cpu];
	struct task_struct *task;

	spin_lock_init(&worker->lock);
	INIT_LIST_HEAD(&worker->jobs);
	init_waitqueue_head(&worker->wait);
	task = kthread_create_on_cpu(kmh_worker_fn, worker, cpu, "kmh_worker/%u");
	if (IS_ERR(task))
		return PTR_ERR(task);
	worker->task = task;
	wake_up_process(task);
	return 0;
}

static void kmh_stop_workers(void)
{
	unsigned int cpu;

	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		if (kmh_workers[cpu].task)
			kthread_stop(kmh_workers[cpu].task);
	kfree(kmh_workers);
}

static int kmh_start_workers(void)
{
	unsigned int cpu;
	int err = 0;

	kmh_workers = kcalloc(nr_cpu_ids, sizeof(*kmh_workers), GFP_KERNEL);
	if (!kmh_workers)
		return -ENOMEM;
	cpus_read_lock();
	for_each_online_cpu(cpu) {
		err = kmh_start_worker(cpu);
		if (err)
			break;
	}
	cpus_read_unlock();
	if (err)
		kmh_stop_workers();
	return err;
}

/* ---- allocating and freeing, on the workers --------------------------------------------- */

/*
 * Never inlined, and never tail-calling the allocator (the barrier() runs after it returns): the
 * allocator's call_site (and a page block's stack) then names this function, whatever the
 * compiler does with its callers, so a harness can find the module's own allocations by call
 * site (the callsite collector's slab.outstanding.objects{callsite=kmh_alloc_one}).
 */
/*
 * One alloc_pages() of 2^@order pages, split; every page but the second is freed at once, so
 * the block leaves free buddies of every order below @order behind it. Returns the kept page.
 */
static __always_inline struct page *kmh_alloc_sieved(gfp_t gfp, unsigned int order)
{
	struct page *block = alloc_pages(gfp, order);
	unsigned long i;

	if (!block)
		return NULL;
	split_page(block, order);
	for (i = 0; i < (1UL << order); i++)
		if (i != 1)
			__free_page(block + i);
	return block + 1;
}

static noinline void *kmh_alloc_one(const struct kmh_set *set, gfp_t gfp, bool zero)
{
	void *obj = NULL;

	switch (set->kind) {
	case KMH_KIND_KMALLOC:
		obj = zero ? kzalloc(set->size, gfp) : kmalloc(set->size, gfp);
		break;
	case KMH_KIND_CACHE:
		obj = zero ? kmem_cache_zalloc(set->cache->cache, gfp) :
			     kmem_cache_alloc(set->cache->cache, gfp);
		break;
	case KMH_KIND_VMALLOC:
		if (set->variant == KMH_VARIANT_KVMALLOC)
			obj = kvmalloc(set->size, gfp);
		else
			obj = set->variant == KMH_VARIANT_VZALLOC ? vzalloc(set->size) :
								    vmalloc(set->size);
		break;
	case KMH_KIND_PAGES:
		obj = set->sieve ? kmh_alloc_sieved(gfp, set->order) : alloc_pages(gfp, set->order);
		break;
	}
	barrier();
	return obj;
}

static void kmh_free_one(const struct kmh_set *set, void *obj)
{
	switch (set->kind) {
	case KMH_KIND_KMALLOC:
		kfree(obj);
		break;
	case KMH_KIND_CACHE:
		kmem_cache_free(set->cache->cache, obj);
		break;
	case KMH_KIND_VMALLOC:
		if (set->variant == KMH_VARIANT_KVMALLOC)
			kvfree(obj);
		else
			vfree(obj);
		break;
	case KMH_KIND_PAGES:
		__free_pages(obj, set->sieve ? 0 : set->order);
		break;
	}
}

/* Frees the set's objects, newest first; stops early (resumable) when @job is cancelled. */
static void kmh_free_objects(struct kmh_set *set, const struct kmh_job *job)
{
	while (set->count && !(job && READ_ONCE(job->cancelled))) {
		kmh_free_one(set, set->objs[--set->count]);
		cond_resched();
	}
}

/* Worker side of an allocation: exactly one allocator call per object, nothing else allocated. */
static void kmh_alloc_job(struct kmh_job *job)
{
	struct kmh_set *set = job->set;
	u64 start = ktime_get_ns();
	void *obj;

	while (set->count < job->target && !READ_ONCE(job->cancelled)) {
		obj = kmh_alloc_one(set, job->gfp, job->zero);
		if (!obj)
			break;
		set->objs[set->count++] = obj;
		cond_resched();
	}
	job->ns = ktime_get_ns() - start;
}

static void kmh_free_job(struct kmh_job *job)
{
	u64 start = ktime_get_ns();

	kmh_free_objects(job->set, job);
	job->ns = ktime_get_ns() - start;
}

/* Frees @set on @cpu's worker; returns the worker's time, or frees here after a fatal signal. */
static u64 kmh_free_on(unsigned int cpu, struct kmh_set *set)
{
	struct kmh_job job = { .fn = kmh_free_job, .set = set };

	if (kmh_run_job(cpu, &job))
		kmh_free_objects(set, NULL);
	return job.ns;
}

/* ---- sets, tags and caches -------------------------------------------------------------- */

static struct kmh_set *kmh_find_held(const char *tag)
{
	struct kmh_set *set;

	list_for_each_entry(set, &kmh_held, node)
		if (!strcmp(set->tag, tag))
			return set;
	return NULL;
}

static struct kmh_cache *kmh_find_cache(const char *name)
{
	struct kmh_cache *cache;

	list_for_each_entry(cache, &kmh_caches, node)
		if (!strcmp(cache->kernel_name + strlen(KMH_CACHE_PREFIX), name))
			return cache;
	return NULL;
}

static void kmh_put_cache(struct kmh_cache *cache)
{
	if (!cache)
		return;
	mutex_lock(&kmh_lock);
	cache->users--;
	mutex_unlock(&kmh_lock);
}

/* Frees what is left of @set and the set itself; the caller has unlinked it. */
static void kmh_destroy_set(struct kmh_set *set)
{
	kmh_free_objects(set, NULL);
	kmh_put_cache(set->cache);
	kvfree(set->objs);
	kfree(set);
}

static u64 kmh_set_bytes(const struct kmh_set *set)
{
	return (u64)set->count * set->size;
}

/* What the allocator actually handed out for the set, as the tracepoints' bytes_alloc. */
static u64 kmh_set_bytes_alloc(const struct kmh_set *set)
{
	u64 total = 0;
	unsigned long i;

	switch (set->kind) {
	case KMH_KIND_CACHE:
		return (u64)set->count * kmem_cache_size(set->cache->cache);
	case KMH_KIND_PAGES:
		return (u64)set->count * (PAGE_SIZE << set->order);
	case KMH_KIND_KMALLOC:
	case KMH_KIND_VMALLOC:
		for (i = 0; i < set->count; i++)
			total += is_vmalloc_addr(set->objs[i]) ? PAGE_ALIGN(set->size) : ksize(set->objs[i]);
		return total;
	}
	return 0;
}

static unsigned long kmh_count_vmalloced(const struct kmh_set *set)
{
	unsigned long i, vmalloced = 0;

	for (i = 0; i < set->count; i++)
		vmalloced += is_vmalloc_addr(set->objs[i]);
	return vmalloced;
}

/* ---- parsing ---------------------------------------------------------------------------- */

static const struct kmh_op_desc kmh_ops[KMH_NR_OPS];

static void kmh_list_keys(struct kmh_call *call, char *buf, size_t size)
{
	int len = 0;
	int key;

	buf[0] = '\0';
	for_each_set_bit(key, &call->desc->allowed, KMH_NR_KEYS)
		len += scnprintf(buf + len, size - len, "%s%s", len ? " " : "", kmh_key_names[key]);
}

static void kmh_list_gfp(unsigned long allowed, char *buf, size_t size)
{
	int len = 0;
	int flag;

	buf[0] = '\0';
	for_each_set_bit(flag, &allowed, KMH_NR_GFP)
		len += scnprintf(buf + len, size - len, "%s%s", len ? " " : "", kmh_gfp_names[flag].name);
}

static int kmh_parse_ulong(struct kmh_call *call, const char *key, const char *value,
			   unsigned long min, unsigned long max, unsigned long *out)
{
	if (kstrtoul(value, 10, out) || *out < min || *out > max)
		return kmh_fail(call, -EINVAL, "%s=%s out of range, accepted %lu..%lu", key, value, min, max);
	return 0;
}

static int kmh_parse_uint(struct kmh_call *call, const char *key, const char *value,
			  unsigned int min, unsigned int max, unsigned int *out)
{
	unsigned long wide;
	int err = kmh_parse_ulong(call, key, value, min, max, &wide);

	if (!err)
		*out = wide;
	return err;
}

/* A byte count, plain or with a K/M/G suffix as memparse() reads it. */
static int kmh_parse_size(struct kmh_call *call, const char *value, size_t *out)
{
	char *end;

	if (!isdigit(value[0]))
		return kmh_fail(call, -EINVAL, "size=%s is not a byte count", value);
	*out = memparse(value, &end);
	if (*end)
		return kmh_fail(call, -EINVAL, "size=%s is not a byte count (suffixes K, M, G)", value);
	return 0;
}

static int kmh_parse_cpu(struct kmh_call *call, const char *key, const char *value,
			 unsigned int *out)
{
	if (kstrtouint(value, 10, out) || !kmh_cpu_has_worker(*out))
		return kmh_fail(call, -EINVAL, "%s=%s is not a CPU with a worker, accepted %*pbl",
				key, value, cpumask_pr_args(cpu_online_mask));
	return 0;
}

static int kmh_parse_tag(struct kmh_call *call, const char *key, const char *value, char *out)
{
	size_t len = strlen(value);
	size_t i;

	for (i = 0; i < len; i++)
		if (!isalnum(value[i]) && value[i] != '_' && value[i] != '-')
			break;
	if (len == 0 || len >= KMH_TAG_LEN || i < len)
		return kmh_fail(call, -EINVAL, "%s=%s is not a tag, accepted 1..%d of [A-Za-z0-9_-]",
				key, value, KMH_TAG_LEN - 1);
	strscpy(out, value, KMH_TAG_LEN);
	return 0;
}

static int kmh_parse_gfp_name(struct kmh_call *call, const char *name)
{
	unsigned long allowed = call->desc->gfp_allowed;
	char accepted[KMH_MAX_REPLY / 2];
	int flag;

	for (flag = 0; flag < KMH_NR_GFP; flag++)
		if (!strcmp(name, kmh_gfp_names[flag].name) && (allowed & BIT(flag)))
			return flag;
	kmh_list_gfp(allowed, accepted, sizeof(accepted));
	return kmh_fail(call, -EINVAL, "gfp flag '%s' not accepted, accepted %s combined with |",
			name, accepted);
}

static int kmh_parse_gfp(struct kmh_call *call, char *value)
{
	struct kmh_request *req = &call->req;
	unsigned long bases = BIT(KMH_GFP_KERNEL) | BIT(KMH_GFP_KERNEL_ACCOUNT) | BIT(KMH_GFP_NOWAIT) |
			      BIT(KMH_GFP_ATOMIC) | BIT(KMH_GFP_HIGHUSER_MOVABLE);
	unsigned long mobility = BIT(KMH_GFP_RECLAIMABLE) | BIT(KMH_GFP_MOVABLE) |
				 BIT(KMH_GFP_HIGHUSER_MOVABLE);
	char *name;
	int flag;

	req->gfp = 0;
	req->gfp_names = 0;
	while ((name = strsep(&value, "|"))) {
		flag = kmh_parse_gfp_name(call, name);
		if (flag < 0)
			return flag;
		req->gfp_names |= BIT(flag);
		req->gfp |= kmh_gfp_names[flag].flags;
	}
	if (hweight_long(req->gfp_names & bases) != 1)
		return kmh_fail(call, -EINVAL, "gfp needs exactly one of GFP_KERNEL GFP_KERNEL_ACCOUNT "
				"GFP_NOWAIT GFP_ATOMIC GFP_HIGHUSER_MOVABLE, modifiers added with |");
	if ((req->gfp_names & BIT(KMH_GFP_RECLAIMABLE)) && hweight_long(req->gfp_names & mobility) > 1)
		return kmh_fail(call, -EINVAL, "__GFP_RECLAIMABLE cannot be combined with a movable flag");
	return 0;
}

static int kmh_parse_slab_flags(struct kmh_call *call, char *value)
{
	char *name;
	size_t i;

	call->req.flags = 0;
	if (!strcmp(value, "0"))
		return 0;
	while ((name = strsep(&value, "|"))) {
		for (i = 0; i < ARRAY_SIZE(kmh_slab_flag_names); i++)
			if (!strcmp(name, kmh_slab_flag_names[i].name))
				break;
		if (i == ARRAY_SIZE(kmh_slab_flag_names))
			return kmh_fail(call, -EINVAL, "slab flag '%s' not accepted, accepted 0 or "
					"SLAB_RECLAIM_ACCOUNT SLAB_ACCOUNT SLAB_HWCACHE_ALIGN combined with |",
					name);
		call->req.flags |= kmh_slab_flag_names[i].flags;
	}
	return 0;
}

static int kmh_parse_variant(struct kmh_call *call, const char *value)
{
	int variant = match_string(kmh_variant_names, ARRAY_SIZE(kmh_variant_names), value);

	if (variant < 0)
		return kmh_fail(call, -EINVAL, "variant=%s not accepted, accepted vmalloc vzalloc kvmalloc",
				value);
	call->req.variant = variant;
	return 0;
}

static int kmh_parse_align(struct kmh_call *call, const char *value)
{
	unsigned int *align = &call->req.align;

	if (kstrtouint(value, 10, align) || *align > KMH_MAX_ALIGN || (*align && !is_power_of_2(*align)))
		return kmh_fail(call, -EINVAL, "align=%s not accepted, accepted 0 or a power of 2 up to %u",
				value, KMH_MAX_ALIGN);
	return 0;
}

static int kmh_parse_value(struct kmh_call *call, enum kmh_key key, char *value)
{
	struct kmh_request *req = &call->req;
	const char *name = kmh_key_names[key];

	switch (key) {
	case KMH_KEY_COUNT:
		return kmh_parse_ulong(call, name, value, 1, KMH_MAX_COUNT, &req->count);
	case KMH_KEY_CPU:
		return kmh_parse_cpu(call, name, value, &req->cpu);
	case KMH_KEY_FREE_CPU:
		return kmh_parse_cpu(call, name, value, &req->free_cpu);
	case KMH_KEY_HOLD:
		return kmh_parse_tag(call, name, value, req->hold);
	case KMH_KEY_SIZE:
		return kmh_parse_size(call, value, &req->size);
	case KMH_KEY_GFP:
		return kmh_parse_gfp(call, value);
	case KMH_KEY_ZERO:
		if (strcmp(value, "0") && strcmp(value, "1"))
			return kmh_fail(call, -EINVAL, "zero=%s not accepted, accepted 0 1", value);
		req->zero = value[0] == '1';
		return 0;
	case KMH_KEY_SIEVE:
		if (strcmp(value, "0") && strcmp(value, "1"))
			return kmh_fail(call, -EINVAL, "sieve=%s not accepted, accepted 0 1", value);
		req->sieve = value[0] == '1';
		return 0;
	case KMH_KEY_NAME:
		return kmh_parse_tag(call, name, value, req->name);
	case KMH_KEY_OBJECT_SIZE:
		return kmh_parse_uint(call, name, value, KMH_MIN_OBJECT_SIZE, KMH_MAX_OBJECT_SIZE,
				      &req->object_size);
	case KMH_KEY_ALIGN:
		return kmh_parse_align(call, value);
	case KMH_KEY_FLAGS:
		return kmh_parse_slab_flags(call, value);
	case KMH_KEY_VARIANT:
		return kmh_parse_variant(call, value);
	case KMH_KEY_ORDER:
		return kmh_parse_uint(call, name, value, 0, KMH_MAX_ORDER, &req->order);
	case KMH_KEY_TAG:
		return kmh_parse_tag(call, name, value, req->tag);
	case KMH_NR_KEYS:
		break;
	}
	return -EINVAL;
}

static int kmh_parse_pair(struct kmh_call *call, char *pair)
{
	char accepted[KMH_MAX_REPLY / 2];
	char *value = strchr(pair, '=');
	int key;

	if (value)
		*value++ = '\0';
	key = match_string(kmh_key_names, KMH_NR_KEYS, pair);
	if (key < 0 || !(call->desc->allowed & BIT(key))) {
		kmh_list_keys(call, accepted, sizeof(accepted));
		return kmh_fail(call, -EINVAL, "unknown key '%s', accepted %s", pair, accepted);
	}
	if (!value || !*value)
		return kmh_fail(call, -EINVAL, "key '%s' needs a value: %s=<value>", pair, pair);
	if (call->req.given & BIT(key))
		return kmh_fail(call, -EINVAL, "key '%s' given twice", pair);
	call->req.given |= BIT(key);
	return kmh_parse_value(call, key, value);
}

static void kmh_set_defaults(struct kmh_request *req)
{
	req->count = 1;
	req->cpu = 0;
	req->gfp = GFP_KERNEL;
	req->gfp_names = BIT(KMH_GFP_KERNEL);
	req->variant = KMH_VARIANT_VMALLOC;
}

static int kmh_parse(struct kmh_call *call, char *line)
{
	unsigned long missing;
	char *word;
	int err, op;

	word = strsep(&line, " \t\n");
	for (op = 0; op < KMH_NR_OPS; op++)
		if (!strcmp(word, kmh_ops[op].name))
			call->desc = &kmh_ops[op];
	if (!call->desc)
		return kmh_fail(call, -EINVAL, "unknown op '%s', accepted kmalloc cache_create cache_alloc "
				"cache_destroy vmalloc alloc_pages release crash", word);
	kmh_set_defaults(&call->req);
	while ((word = strsep(&line, " \t\n"))) {
		if (!*word)
			continue;
		err = kmh_parse_pair(call, word);
		if (err)
			return err;
	}
	missing = call->desc->required & ~call->req.given;
	if (missing)
		return kmh_fail(call, -EINVAL, "missing %s=<value>", kmh_key_names[__ffs(missing)]);
	if (!(call->req.given & BIT(KMH_KEY_FREE_CPU)))
		call->req.free_cpu = call->req.cpu;
	if (!(call->req.given & BIT(KMH_KEY_CPU)) && !kmh_cpu_has_worker(0))
		return kmh_fail(call, -EINVAL, "CPU 0 has no worker, give cpu=<one of %*pbl>",
				cpumask_pr_args(cpu_online_mask));
	return call->desc->validate ? call->desc->validate(call) : 0;
}

/* ---- operations ------------------------------------------------------------------------- */

static int kmh_validate_kmalloc(struct kmh_call *call)
{
	size_t size = call->req.size;

	if (size < 1 || size > KMALLOC_MAX_SIZE)
		return kmh_fail(call, -EINVAL, "size=%zu out of range, accepted 1..%lu (KMALLOC_MAX_SIZE)",
				size, KMALLOC_MAX_SIZE);
	return 0;
}

static int kmh_validate_vmalloc(struct kmh_call *call)
{
	const struct kmh_request *req = &call->req;

	if (req->size < KMH_MIN_VMALLOC || req->size > KMH_MAX_VMALLOC)
		return kmh_fail(call, -EINVAL, "size=%zu out of range, accepted %lu..%lu",
				req->size, KMH_MIN_VMALLOC, KMH_MAX_VMALLOC);
	if ((req->given & BIT(KMH_KEY_GFP)) && req->variant != KMH_VARIANT_KVMALLOC)
		return kmh_fail(call, -EINVAL, "gfp= applies to variant=kvmalloc only (vmalloc and vzalloc "
				"use GFP_KERNEL)");
	return 0;
}

static int kmh_validate_alloc_pages(struct kmh_call *call)
{
	const struct kmh_request *req = &call->req;

	if (!req->sieve)
		return 0;
	if (req->order == 0)
		return kmh_fail(call, -EINVAL, "sieve=1 needs order=1 or more: it splits each block");
	if (req->gfp & __GFP_COMP)
		return kmh_fail(call, -EINVAL, "sieve=1 cannot take __GFP_COMP: a compound page cannot be split");
	return 0;
}

/* Refuses a request that would hold more than 1/KMH_BUDGET_DIVISOR of MemAvailable. */
static int kmh_check_budget(struct kmh_call *call, size_t per_object)
{
	u64 available = (u64)si_mem_available() << PAGE_SHIFT;
	u64 budget = div_u64(available, KMH_BUDGET_DIVISOR);
	u64 total;

	if (check_mul_overflow((u64)call->req.count, (u64)per_object + sizeof(void *), &total) ||
	    total > budget)
		return kmh_fail(call, -E2BIG, "count=%lu x %zu bytes is over the budget of %llu bytes "
				"(1/%d of MemAvailable %llu), accepted count x size <= %llu",
				call->req.count, per_object, budget, KMH_BUDGET_DIVISOR, available, budget);
	return 0;
}

/* Reserves the set's hold tag; the set is listed as pending until its objects are in. */
static int kmh_reserve_tag(struct kmh_call *call, struct kmh_set *set)
{
	int err = 0;

	strscpy(set->tag, call->req.hold, sizeof(set->tag));
	set->pending = true;
	mutex_lock(&kmh_lock);
	if (kmh_find_held(set->tag))
		err = kmh_fail(call, -EEXIST, "hold=%s is already held, release tag=%s first",
			       set->tag, set->tag);
	else
		list_add_tail(&set->node, &kmh_held);
	mutex_unlock(&kmh_lock);
	return err;
}

static void kmh_drop_tag(struct kmh_set *set)
{
	mutex_lock(&kmh_lock);
	list_del(&set->node);
	mutex_unlock(&kmh_lock);
}

static void kmh_publish_tag(struct kmh_set *set)
{
	mutex_lock(&kmh_lock);
	set->pending = false;
	mutex_unlock(&kmh_lock);
}

/* Starts the reply while the objects exist: bytes_alloc and vmalloced look at them. */
static void kmh_reply_allocated(struct kmh_call *call, const struct kmh_set *set, u64 ns)
{
	kmh_succeed(call, "count=%lu bytes=%llu bytes_alloc=%llu ns=%llu cpu=%u", set->count,
		    kmh_set_bytes(set), kmh_set_bytes_alloc(set), ns, set->cpu);
	if (set->kind == KMH_KIND_VMALLOC && set->variant == KMH_VARIANT_KVMALLOC)
		kmh_append(call, "vmalloced=%lu", kmh_count_vmalloced(set));
}

/* After the allocation job: hand the set to kmh_held, or free it on free_cpu's worker. */
static int kmh_finish_allocation(struct kmh_call *call, struct kmh_set *set, u64 ns)
{
	u64 free_ns;

	kmh_reply_allocated(call, set, ns);
	if (set->tag[0]) {
		kmh_append(call, "held=%s", set->tag);
		kmh_publish_tag(set);
		return 0;
	}
	free_ns = kmh_free_on(set->free_cpu, set);
	kmh_append(call, "free_cpu=%u free_ns=%llu", set->free_cpu, free_ns);
	kmh_destroy_set(set);
	return 0;
}

/*
 * The common path of every allocating op: budget, pointer array and tag prepared in process
 * context, then the allocations on cpu's worker. Takes ownership of @set.
 */
static int kmh_allocate(struct kmh_call *call, struct kmh_set *set, size_t per_object)
{
	const struct kmh_request *req = &call->req;
	struct kmh_job job = { .fn = kmh_alloc_job, .set = set, .target = req->count,
			       .gfp = req->gfp, .zero = req->zero };
	int err;

	set->cpu = req->cpu;
	set->free_cpu = req->free_cpu;
	err = kmh_check_budget(call, per_object);
	if (err)
		goto out_destroy;
	set->objs = kvcalloc(req->count, sizeof(void *), GFP_KERNEL);
	if (!set->objs) {
		err = kmh_fail(call, -ENOMEM, "no memory for %lu object pointers", req->count);
		goto out_destroy;
	}
	if (req->hold[0]) {
		err = kmh_reserve_tag(call, set);
		if (err) {
			set->tag[0] = '\0';
			goto out_destroy;
		}
	}
	if (kmh_run_job(req->cpu, &job)) {
		err = kmh_fail(call, -EINTR, "interrupted by a fatal signal");
		goto out_untag;
	}
	if (set->count < req->count) {
		err = kmh_fail(call, -ENOMEM, "allocation %lu of %lu failed, freed the %lu allocated",
			       set->count + 1, req->count, set->count);
		kmh_free_on(set->free_cpu, set);
		goto out_untag;
	}
	return kmh_finish_allocation(call, set, job.ns);

out_untag:
	if (set->tag[0])
		kmh_drop_tag(set);
out_destroy:
	kmh_destroy_set(set);
	return err;
}

static struct kmh_set *kmh_new_set(struct kmh_call *call, enum kmh_kind kind, size_t size)
{
	struct kmh_set *set = kzalloc(sizeof(*set), GFP_KERNEL);

	if (!set) {
		kmh_fail(call, -ENOMEM, "no memory for the request");
		return NULL;
	}
	set->kind = kind;
	set->size = size;
	set->variant = call->req.variant;
	set->order = call->req.order;
	set->sieve = call->req.sieve;
	return set;
}

static int kmh_execute_kmalloc(struct kmh_call *call)
{
	struct kmh_set *set = kmh_new_set(call, KMH_KIND_KMALLOC, call->req.size);

	if (!set)
		return -ENOMEM;
	return kmh_allocate(call, set, call->req.size);
}

static int kmh_execute_vmalloc(struct kmh_call *call)
{
	struct kmh_set *set = kmh_new_set(call, KMH_KIND_VMALLOC, call->req.size);

	if (!set)
		return -ENOMEM;
	return kmh_allocate(call, set, PAGE_ALIGN(call->req.size));
}

static int kmh_execute_alloc_pages(struct kmh_call *call)
{
	size_t kept = call->req.sieve ? PAGE_SIZE : PAGE_SIZE << call->req.order;
	struct kmh_set *set = kmh_new_set(call, KMH_KIND_PAGES, kept);

	if (!set)
		return -ENOMEM;
	return kmh_allocate(call, set, set->size);
}

/* Looks up the cache named in the request and counts the request as a user of it. */
static struct kmh_cache *kmh_get_cache(struct kmh_call *call)
{
	struct kmh_cache *cache;

	mutex_lock(&kmh_lock);
	cache = kmh_find_cache(call->req.name);
	if (cache)
		cache->users++;
	mutex_unlock(&kmh_lock);
	if (!cache)
		kmh_fail(call, -ENOENT, "no cache name=%s, create it with cache_create first",
			 call->req.name);
	return cache;
}

static int kmh_execute_cache_alloc(struct kmh_call *call)
{
	struct kmh_cache *cache = kmh_get_cache(call);
	struct kmh_set *set;

	if (!cache)
		return -ENOENT;
	set = kmh_new_set(call, KMH_KIND_CACHE, kmem_cache_size(cache->cache));
	if (!set) {
		kmh_put_cache(cache);
		return -ENOMEM;
	}
	set->cache = cache;
	return kmh_allocate(call, set, set->size);
}

static int kmh_execute_cache_create(struct kmh_call *call)
{
	const struct kmh_request *req = &call->req;
	struct kmh_cache *cache = kzalloc(sizeof(*cache), GFP_KERNEL);
	int err = 0;

	if (!cache)
		return kmh_fail(call, -ENOMEM, "no memory for the cache");
	snprintf(cache->kernel_name, sizeof(cache->kernel_name), KMH_CACHE_PREFIX "%s", req->name);
	mutex_lock(&kmh_lock);
	if (kmh_find_cache(req->name)) {
		err = kmh_fail(call, -EEXIST, "cache name=%s exists, cache_destroy it first", req->name);
		goto out_unlock;
	}
	cache->cache = kmem_cache_create(cache->kernel_name, req->object_size, req->align,
					 req->flags, NULL);
	if (!cache->cache) {
		err = kmh_fail(call, -ENOMEM, "kmem_cache_create(%s) failed", cache->kernel_name);
		goto out_unlock;
	}
	list_add_tail(&cache->node, &kmh_caches);
	kmh_succeed(call, "name=%s cache=%s object_size=%u size=%u", req->name, cache->kernel_name,
		    req->object_size, kmem_cache_size(cache->cache));
out_unlock:
	mutex_unlock(&kmh_lock);
	if (err)
		kfree(cache);
	return err;
}

static int kmh_execute_cache_destroy(struct kmh_call *call)
{
	struct kmh_cache *cache;
	int err = 0;

	mutex_lock(&kmh_lock);
	cache = kmh_find_cache(call->req.name);
	if (!cache)
		err = kmh_fail(call, -ENOENT, "no cache name=%s", call->req.name);
	else if (cache->users)
		err = kmh_fail(call, -EBUSY, "cache name=%s has %lu held sets or requests in flight, "
			       "release them first", call->req.name, cache->users);
	else
		list_del(&cache->node);
	mutex_unlock(&kmh_lock);
	if (err)
		return err;
	kmem_cache_destroy(cache->cache);
	kfree(cache);
	kmh_succeed(call, "name=%s", call->req.name);
	return 0;
}

static int kmh_execute_release(struct kmh_call *call)
{
	const struct kmh_request *req = &call->req;
	unsigned int free_cpu;
	struct kmh_set *set;
	u64 bytes, ns;
	unsigned long count;
	int err = 0;

	mutex_lock(&kmh_lock);
	set = kmh_find_held(req->tag);
	if (!set)
		err = kmh_fail(call, -ENOENT, "no held tag=%s", req->tag);
	else if (set->pending)
		err = kmh_fail(call, -EBUSY, "tag=%s is still being allocated", req->tag);
	else
		list_del(&set->node);
	mutex_unlock(&kmh_lock);
	if (err)
		return err;
	free_cpu = (req->given & BIT(KMH_KEY_FREE_CPU)) ? req->free_cpu : set->free_cpu;
	if (!kmh_cpu_has_worker(free_cpu))
		free_cpu = req->cpu;
	count = set->count;
	bytes = kmh_set_bytes(set);
	ns = kmh_free_on(free_cpu, set);
	kmh_succeed(call, "tag=%s count=%lu bytes=%llu ns=%llu free_cpu=%u", req->tag, count, bytes, ns,
		    free_cpu);
	kmh_destroy_set(set);
	return 0;
}

/* The one op that does not allocate: the kernel under test crashes on request. */
static int kmh_execute_crash(struct kmh_call *call)
{
	pr_emerg("kmemharness: crash requested through the control file\n");
	BUG();
	return 0;
}

#define KMH_COMMON_KEYS	(BIT(KMH_KEY_COUNT) | BIT(KMH_KEY_CPU) | BIT(KMH_KEY_FREE_CPU) | \
			 BIT(KMH_KEY_HOLD))

static const struct kmh_op_desc kmh_ops[KMH_NR_OPS] = {
	[KMH_OP_KMALLOC] = {
		.name = "kmalloc",
		.allowed = KMH_COMMON_KEYS | BIT(KMH_KEY_SIZE) | BIT(KMH_KEY_GFP) | BIT(KMH_KEY_ZERO),
		.required = BIT(KMH_KEY_SIZE),
		.gfp_allowed = KMH_GFP_SLAB,
		.validate = kmh_validate_kmalloc,
		.execute = kmh_execute_kmalloc,
	},
	[KMH_OP_CACHE_CREATE] = {
		.name = "cache_create",
		.allowed = BIT(KMH_KEY_NAME) | BIT(KMH_KEY_OBJECT_SIZE) | BIT(KMH_KEY_ALIGN) |
			   BIT(KMH_KEY_FLAGS),
		.required = BIT(KMH_KEY_NAME) | BIT(KMH_KEY_OBJECT_SIZE),
		.execute = kmh_execute_cache_create,
	},
	[KMH_OP_CACHE_ALLOC] = {
		.name = "cache_alloc",
		.allowed = KMH_COMMON_KEYS | BIT(KMH_KEY_NAME) | BIT(KMH_KEY_GFP) | BIT(KMH_KEY_ZERO),
		.required = BIT(KMH_KEY_NAME),
		.gfp_allowed = KMH_GFP_SLAB,
		.execute = kmh_execute_cache_alloc,
	},
	[KMH_OP_CACHE_DESTROY] = {
		.name = "cache_destroy",
		.allowed = BIT(KMH_KEY_NAME),
		.required = BIT(KMH_KEY_NAME),
		.execute = kmh_execute_cache_destroy,
	},
	[KMH_OP_VMALLOC] = {
		.name = "vmalloc",
		.allowed = KMH_COMMON_KEYS | BIT(KMH_KEY_SIZE) | BIT(KMH_KEY_VARIANT) | BIT(KMH_KEY_GFP),
		.required = BIT(KMH_KEY_SIZE),
		.gfp_allowed = KMH_GFP_KVMALLOC,
		.validate = kmh_validate_vmalloc,
		.execute = kmh_execute_vmalloc,
	},
	[KMH_OP_ALLOC_PAGES] = {
		.name = "alloc_pages",
		.allowed = KMH_COMMON_KEYS | BIT(KMH_KEY_ORDER) | BIT(KMH_KEY_GFP) | BIT(KMH_KEY_SIEVE),
		.gfp_allowed = KMH_GFP_PAGES,
		.validate = kmh_validate_alloc_pages,
		.execute = kmh_execute_alloc_pages,
	},
	[KMH_OP_RELEASE] = {
		.name = "release",
		.allowed = BIT(KMH_KEY_TAG) | BIT(KMH_KEY_FREE_CPU),
		.required = BIT(KMH_KEY_TAG),
		.execute = kmh_execute_release,
	},
	[KMH_OP_CRASH] = {
		.name = "crash",
		.execute = kmh_execute_crash,
	},
};

/* ---- debugfs ---------------------------------------------------------------------------- */

static void kmh_publish_reply(const char *reply)
{
	spin_lock(&kmh_reply_lock);
	strscpy(kmh_last_reply, reply, sizeof(kmh_last_reply));
	spin_unlock(&kmh_reply_lock);
}

static int kmh_handle(struct kmh_file *own, const char __user *ubuf, size_t len)
{
	struct kmh_call *call = &own->call;
	int err;

	memset(call, 0, sizeof(*call));
	if (len == 0 || len >= KMH_MAX_REQUEST)
		return kmh_fail(call, -EINVAL, "a request of %zu bytes, accepted 1..%d bytes per write",
				len, KMH_MAX_REQUEST - 1);
	if (copy_from_user(own->line, ubuf, len))
		return kmh_fail(call, -EFAULT, "could not read the request");
	own->line[len] = '\0';
	err = kmh_parse(call, strim(own->line));
	return err ? err : call->desc->execute(call);
}

/**
 * kmh_control_write - performs one request.
 * @file: the open control file.
 * @ubuf: the request line (a trailing newline is allowed).
 * @len: its length, at most KMH_MAX_REQUEST - 1.
 * @ppos: ignored: every write is a whole request.
 *
 * Return: @len on success, else a negative errno; the reply line says why.
 */
static ssize_t kmh_control_write(struct file *file, const char __user *ubuf, size_t len,
				 loff_t *ppos)
{
	struct kmh_file *own = file->private_data;
	int err;

	if (mutex_lock_killable(&own->lock))
		return -EINTR;
	err = kmh_handle(own, ubuf, len);
	kmh_publish_reply(own->call.reply);
	mutex_unlock(&own->lock);
	return err ? err : len;
}

/**
 * kmh_control_read - the outcome of the last request.
 * @file: the open control file.
 * @ubuf: where the line goes.
 * @len: room in @ubuf.
 * @ppos: read position within the line.
 *
 * Return: bytes read; the line of the last request written through @file, or of the last request
 * of anyone when none was.
 */
static ssize_t kmh_control_read(struct file *file, char __user *ubuf, size_t len, loff_t *ppos)
{
	struct kmh_file *own = file->private_data;
	char reply[KMH_MAX_REPLY + 1];

	if (mutex_lock_killable(&own->lock))
		return -EINTR;
	spin_lock(&kmh_reply_lock);
	scnprintf(reply, sizeof(reply), "%s\n", own->call.reply[0] ? own->call.reply : kmh_last_reply);
	spin_unlock(&kmh_reply_lock);
	mutex_unlock(&own->lock);
	return simple_read_from_buffer(ubuf, len, ppos, reply, strlen(reply));
}

static int kmh_control_open(struct inode *inode, struct file *file)
{
	struct kmh_file *own = kzalloc(sizeof(*own), GFP_KERNEL);

	if (!own)
		return -ENOMEM;
	mutex_init(&own->lock);
	file->private_data = own;
	return 0;
}

static int kmh_control_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static const struct file_operations kmh_control_fops = {
	.owner = THIS_MODULE,
	.open = kmh_control_open,
	.read = kmh_control_read,
	.write = kmh_control_write,
	.release = kmh_control_release,
	.llseek = default_llseek,
};

static int kmh_workers_show(struct seq_file *m, void *unused)
{
	unsigned int cpu;

	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		if (kmh_workers[cpu].task)
			seq_printf(m, "cpu=%u pid=%d\n", cpu, task_pid_nr(kmh_workers[cpu].task));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(kmh_workers);

static int kmh_held_show(struct seq_file *m, void *unused)
{
	struct kmh_set *set;

	mutex_lock(&kmh_lock);
	list_for_each_entry(set, &kmh_held, node)
		if (!set->pending)
			seq_printf(m, "tag=%s kind=%s count=%lu bytes=%llu\n", set->tag,
				   kmh_kind_names[set->kind], set->count, kmh_set_bytes(set));
	mutex_unlock(&kmh_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(kmh_held);

/* ---- module ----------------------------------------------------------------------------- */

static void kmh_release_everything(void)
{
	struct kmh_set *set, *next_set;
	struct kmh_cache *cache, *next_cache;

	list_for_each_entry_safe(set, next_set, &kmh_held, node) {
		list_del(&set->node);
		kmh_destroy_set(set);
	}
	list_for_each_entry_safe(cache, next_cache, &kmh_caches, node) {
		list_del(&cache->node);
		kmem_cache_destroy(cache->cache);
		kfree(cache);
	}
}

static int __init kmh_init(void)
{
	int err = kmh_start_workers();

	if (err)
		return err;
	kmh_debugfs = debugfs_create_dir("kmemharness", NULL);
	debugfs_create_file("control", 0600, kmh_debugfs, NULL, &kmh_control_fops);
	debugfs_create_file("workers", 0444, kmh_debugfs, NULL, &kmh_workers_fops);
	debugfs_create_file("held", 0444, kmh_debugfs, NULL, &kmh_held_fops);
	return 0;
}

static void __exit kmh_exit(void)
{
	debugfs_remove_recursive(kmh_debugfs);
	kmh_release_everything();
	kmh_stop_workers();
}

module_init(kmh_init);
module_exit(kmh_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kmemharness: kmalloc, kmem_cache, vmalloc and page allocations on request");

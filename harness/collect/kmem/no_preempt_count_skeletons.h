// Opening the kmem collectors' objects built without the preempt-count read (bpf/event_context.bpf.h).
#pragma once

struct page_alloc_bpf;
struct pcp_bpf;
struct extfrag_bpf;
struct slab_bpf;
struct callsite_bpf;

namespace kmh {

// The same skeleton types as page_alloc.skel.h etc. (same maps, programs and knobs), opened from
// the objects compiled with KMH_NO_PREEMPT_COUNT, which name no __ksym.
page_alloc_bpf *open_page_alloc_without_preempt_count();
pcp_bpf *open_pcp_without_preempt_count();
extfrag_bpf *open_extfrag_without_preempt_count();
slab_bpf *open_slab_without_preempt_count();
callsite_bpf *open_callsite_without_preempt_count();

}  // namespace kmh

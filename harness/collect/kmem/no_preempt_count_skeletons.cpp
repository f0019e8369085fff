// The KMH_NO_PREEMPT_COUNT flavour of the kmem skeletons: this file alone includes their headers.
#include "collect/kmem/no_preempt_count_skeletons.h"

#include "no_preempt_count/callsite.skel.h"
#include "no_preempt_count/extfrag.skel.h"
#include "no_preempt_count/page_alloc.skel.h"
#include "no_preempt_count/pcp.skel.h"
#include "no_preempt_count/slab.skel.h"

namespace kmh {

page_alloc_bpf *open_page_alloc_without_preempt_count()
{
	return page_alloc_bpf__open();
}

pcp_bpf *open_pcp_without_preempt_count()
{
	return pcp_bpf__open();
}

extfrag_bpf *open_extfrag_without_preempt_count()
{
	return extfrag_bpf__open();
}

slab_bpf *open_slab_without_preempt_count()
{
	return slab_bpf__open();
}

callsite_bpf *open_callsite_without_preempt_count()
{
	return callsite_bpf__open();
}

}  // namespace kmh

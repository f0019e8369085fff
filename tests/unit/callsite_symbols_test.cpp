// Tests of the call-site symbolization: kallsyms addresses to function names (modules too), and the page allocator's frames skipped.
#include <gtest/gtest.h>

#include <sstream>

#include "collect/kmem/kernel_symbols.h"
#include "collect/kmem/page_stack_top.h"

namespace kmh {
namespace {

KernelSymbols sample_symbols()
{
	std::istringstream kallsyms("ffffffff81000000 T _stext\n"
				    "ffffffff81200000 T __kmalloc\n"
				    "ffffffff81200400 t kmalloc_slab\n"
				    "ffffffff81300000 T do_eventfd\n"
				    "ffffffff82000000 D init_task\n"
				    "ffffffffc0001000 t kmh_alloc_one\t[kmemharness]\n"
				    "ffffffffc0001200 t kmh_alloc_job\t[kmemharness]\n"
				    "ffffffffc0003000 d kmh_ops\t[kmemharness]\n"
				    "0000000000000000 T hidden_by_kptr_restrict\n");
	return KernelSymbols::parse(kallsyms);
}

TEST(KernelSymbols, NamesTheFunctionThatContainsAnAddressWithoutTheOffset)
{
	KernelSymbols symbols = sample_symbols();
	EXPECT_EQ(symbols.function_at(0xffffffff81200000), "__kmalloc");
	EXPECT_EQ(symbols.function_at(0xffffffff812003ff), "__kmalloc");
	EXPECT_EQ(symbols.function_at(0xffffffff81200400), "kmalloc_slab");
	EXPECT_EQ(symbols.function_at(0xffffffff81300123), "do_eventfd");
}

TEST(KernelSymbols, NamesModuleFunctionsWithoutTheModule)
{
	KernelSymbols symbols = sample_symbols();
	EXPECT_EQ(symbols.function_at(0xffffffffc0001034), "kmh_alloc_one");
	EXPECT_EQ(symbols.function_at(0xffffffffc00012ff), "kmh_alloc_job");
}

TEST(KernelSymbols, NamesCompilerClonesByTheirFunction)
{
	std::istringstream kallsyms("ffffffff81000000 t kmh_alloc_one.isra.0\n"
				    "ffffffff81000100 t __slab_free.cold\n"
				    "ffffffff81000200 t memcg_slab_post_alloc_hook.constprop.0\n");
	KernelSymbols symbols = KernelSymbols::parse(kallsyms);
	EXPECT_EQ(symbols.function_at(0xffffffff81000010), "kmh_alloc_one");
	EXPECT_EQ(symbols.function_at(0xffffffff81000110), "__slab_free");
	EXPECT_EQ(symbols.function_at(0xffffffff81000210), "memcg_slab_post_alloc_hook");
}

TEST(KernelSymbols, LeavesAddressesInDataOrBelowTheTextUnnamed)
{
	KernelSymbols symbols = sample_symbols();
	EXPECT_EQ(symbols.function_at(0xffffffff80000000), std::nullopt);
	EXPECT_EQ(symbols.function_at(0xffffffff82000010), std::nullopt);
	EXPECT_EQ(symbols.function_at(0xffffffffc0003008), std::nullopt);
	EXPECT_EQ(symbols.name_of(0xffffffffc0003008), "0xffffffffc0003008");
}

TEST(KernelSymbols, IsEmptyWhenKptrRestrictHidesEveryAddress)
{
	std::istringstream kallsyms("0000000000000000 T _stext\n0000000000000000 T __kmalloc\n");
	KernelSymbols symbols = KernelSymbols::parse(kallsyms);
	EXPECT_TRUE(symbols.empty());
	EXPECT_EQ(symbols.name_of(0xffffffff81200010), "0xffffffff81200010");
}

TEST(KernelSymbols, PrefersTheTextSymbolAtAnAddressAnotherSymbolShares)
{
	std::istringstream kallsyms("ffffffff81000000 T first\nffffffff81001000 T shared_text\n"
				    "ffffffff81001000 d shared_data\n");
	EXPECT_EQ(KernelSymbols::parse(kallsyms).function_at(0xffffffff81001010), "shared_text");
}

TEST(PageAllocationSite, SkipsTheTracingPathAndThePageAllocatorOf61)
{
	EXPECT_EQ(page_allocation_site({"bpf_trace_run4", "__bpf_trace_mm_page_alloc", "__alloc_pages", "alloc_pages",
					"kmh_alloc_job", "kmh_worker_fn", "kthread"}),
		  "kmh_alloc_job");
}

TEST(PageAllocationSite, SkipsTheNoprofEntryPointsOf612)
{
	EXPECT_EQ(page_allocation_site({"bpf_trace_run4", "__alloc_pages_noprof", "alloc_pages_mpol_noprof",
					"alloc_pages_noprof", "kmh_alloc_one", "kmh_alloc_job"}),
		  "kmh_alloc_one");
}

TEST(PageAllocationSite, SkipsTheFolioEntryPointsOfUserPages)
{
	EXPECT_EQ(page_allocation_site({"bpf_trace_run4", "__alloc_frozen_pages_noprof", "alloc_pages_mpol",
					"folio_alloc_mpol_noprof", "vma_alloc_folio_noprof", "do_anonymous_page"}),
		  "do_anonymous_page");
}

TEST(PageAllocationSite, FallsBackToTheOutermostFrameOrUnknown)
{
	EXPECT_EQ(page_allocation_site({"__alloc_pages", "get_page_from_freelist"}), "get_page_from_freelist");
	EXPECT_EQ(page_allocation_site({}), "unknown");
}

}  // namespace
}  // namespace kmh

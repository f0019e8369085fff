// Tests of the kallsyms check that decides whether the kmem collectors can read the preempt count.
#include "collect/kmem/preempt_count_symbol.h"

#include <sstream>

#include <gtest/gtest.h>

namespace kmh {
namespace {

bool lists(const std::string &text)
{
	std::istringstream kallsyms(text);
	return kallsyms_lists_preempt_count(kallsyms);
}

TEST(PreemptCountSymbol, FoundAsTheSymbolOf61And618)
{
	EXPECT_TRUE(lists("ffffffff81000000 T _stext\n"
			  "000000000002c010 D __preempt_count\n"));
}

TEST(PreemptCountSymbol, FoundAsPcpuHotOf612)
{
	EXPECT_TRUE(lists("0000000000032080 D pcpu_hot\n"));
}

TEST(PreemptCountSymbol, MissingWithoutKallsymsAll)
{
	EXPECT_FALSE(lists("ffffffff81000000 T _stext\n"
			   "ffffffff82400000 D __start_rodata\n"
			   "ffffffffc0000000 t preempt_count_show\t[mod]\n"));
	EXPECT_FALSE(lists(""));
}

TEST(PreemptCountSymbol, ModuleSymbolsDoNotCount)
{
	EXPECT_FALSE(lists("ffffffffc0001000 t my_preempt\t[kmh]\n"
			   "ffffffffc0002000 d __preempt_counter\t[kmh]\n"));
}

TEST(PreemptCountSymbol, NotesSayWhatIsLost)
{
	EXPECT_EQ(context_note(true), "");
	EXPECT_NE(context_note(false).find("CONFIG_KALLSYMS_ALL"), std::string::npos);
	EXPECT_EQ(with_context_note("older slab tracepoints", true), "older slab tracepoints");
	EXPECT_EQ(with_context_note("", false), context_note(false));
	EXPECT_EQ(with_context_note("a", false), "a; " + context_note(false));
}

}  // namespace
}  // namespace kmh

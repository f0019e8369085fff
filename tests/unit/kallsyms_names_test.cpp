// Tests of finding named symbols in kallsyms text, as the kernel_symbols requirement does.
#include "collect/bpf/kallsyms_names.h"

#include <sstream>

#include <gtest/gtest.h>

namespace kmh {
namespace {

std::set<std::string> among(const std::string &text, const std::vector<std::string> &wanted)
{
	std::istringstream kallsyms(text);
	return kallsyms_names_among(kallsyms, wanted);
}

TEST(KallsymsNames, FindsDataSymbolsAndNamesOnlyWholeOnes)
{
	std::string debian = "ffffffff81000000 T _stext\n"
			     "ffffffff8304a2c0 D node_data\n"
			     "ffffffff82e1b5e8 D vmemmap_base\n"
			     "ffffffffc0002000 d node_data_copy\t[kmh]\n";
	EXPECT_EQ(among(debian, { "node_data", "vmemmap_base" }), (std::set<std::string>{ "node_data", "vmemmap_base" }));
	EXPECT_EQ(among(debian, { "contig_page_data", "node" }), std::set<std::string>{});
}

TEST(KallsymsNames, NoneWithoutKallsymsAll)
{
	EXPECT_TRUE(among("ffffffff81000000 T _stext\nffffffff812060c0 t vmemmap_populate.cold\n", { "vmemmap_base" })
			    .empty());
	EXPECT_TRUE(among("", { "node_data" }).empty());
}

TEST(KallsymsNames, StopsOnceEnoughAreFound)
{
	std::istringstream kallsyms("0 D pcpu_hot\n0 D __preempt_count\n0 T after\n");
	EXPECT_EQ(kallsyms_names_among(kallsyms, { "__preempt_count", "pcpu_hot" }, 1), std::set<std::string>{ "pcpu_hot" });
	std::string rest;
	std::getline(kallsyms, rest);
	EXPECT_EQ(rest, "0 D __preempt_count");
}

}  // namespace
}  // namespace kmh

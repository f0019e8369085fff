// Which attach variants a collector tries, for tracepoint collectors and for function-probing ones.
#include <gtest/gtest.h>

#include "collect/attach_variant.h"

namespace kmh {
namespace {

const std::vector<AttachVariant> tracepoints = {AttachVariant::tp_btf, AttachVariant::raw_tp,
						AttachVariant::tracepoint};
const std::vector<AttachVariant> functions = {AttachVariant::fentry, AttachVariant::kprobe};

TEST(AttachVariants, AutomaticTriesThePreferenceInOrder)
{
	EXPECT_EQ(variants_to_try(AttachMode::automatic, tracepoints), tracepoints);
	EXPECT_EQ(variants_to_try(AttachMode::automatic, functions), functions);
}

TEST(AttachVariants, AForcedModeIsTheOnlyOneTried)
{
	EXPECT_EQ(variants_to_try(AttachMode::raw_tp, tracepoints), std::vector{AttachVariant::raw_tp});
	EXPECT_EQ(variants_to_try(AttachMode::tracepoint, tracepoints), std::vector{AttachVariant::tracepoint});
}

TEST(AttachVariants, FunctionProbesStandInForForcedTracepointModes)
{
	EXPECT_EQ(variants_to_try(AttachMode::tp_btf, functions), std::vector{AttachVariant::fentry});
	EXPECT_EQ(variants_to_try(AttachMode::raw_tp, functions), std::vector{AttachVariant::kprobe});
	EXPECT_EQ(variants_to_try(AttachMode::tracepoint, functions), std::vector{AttachVariant::kprobe});
}

TEST(AttachVariants, ProgramNamesCarryEventVariantAndLayout)
{
	ProgramName name = parse_program_name("hugetlb_wp__fentry__vmf");
	EXPECT_EQ(name.event, "hugetlb_wp");
	EXPECT_EQ(name.variant, "fentry");
	EXPECT_EQ(name.layout, "vmf");
	EXPECT_EQ(variant_name(AttachVariant::kprobe), std::string("kprobe"));
}

}  // namespace
}  // namespace kmh

// Which attach variants a collector tries, for tracepoint collectors and for function-probing ones.
#include <gtest/gtest.h>

#include "collect/bpf/attach_variant.h"

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

TEST(AttachVariants, ModeNamesRoundTripAndNameTheTracepointVariants)
{
	EXPECT_EQ(attach_mode_names(), (std::vector<std::string>{"auto", "tp_btf", "raw_tp", "tracepoint"}));
	for (const std::string &name : attach_mode_names())
		EXPECT_EQ(attach_mode_name(*find_attach_mode(name)), name);
	EXPECT_EQ(find_attach_mode("kprobe"), std::nullopt);
	EXPECT_EQ(find_attach_mode(""), std::nullopt);
	for (AttachVariant variant : tracepoints) {
		std::optional<AttachMode> mode = find_attach_mode(variant_name(variant));
		ASSERT_TRUE(mode) << variant_name(variant);
		EXPECT_EQ(variants_to_try(*mode, tracepoints), std::vector{variant});
	}
}

}  // namespace
}  // namespace kmh

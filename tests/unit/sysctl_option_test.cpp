// Command-line sysctls: NAME=VALUE and NAME+=N, and the errors that name what is accepted.
#include <gtest/gtest.h>

#include "scenario/sysctl_option.h"
#include "common/whole_number.h"
#include "input_error_message.h"

namespace kmh {
namespace {

TEST(SysctlOption, ValueAndRaiseAreToldApart)
{
	std::vector<SysctlSetting> settings =
		parse_sysctl_options({ "vm.percpu_pagelist_high_fraction=8192", "vm.min_free_kbytes+=6144", "vm.x_y+=-5" },
				     "--sysctl-b");
	ASSERT_EQ(settings.size(), 3u);
	EXPECT_EQ(settings[0].name, "vm.percpu_pagelist_high_fraction");
	EXPECT_EQ(settings[0].value, "8192");
	EXPECT_FALSE(settings[0].raise);
	EXPECT_EQ(settings[1].name, "vm.min_free_kbytes");
	EXPECT_EQ(settings[1].value, "6144");
	EXPECT_TRUE(settings[1].raise);
	EXPECT_EQ(settings[2].value, "-5");
	EXPECT_EQ(settings[1].where.to_string(), "--sysctl-b");
}

TEST(SysctlOption, EveryBadTextNamesTheOptionTheTextAndWhatIsAccepted)
{
	const std::pair<const char *, const char *> cases[] = {
		{ "vm.min_free_kbytes", "no '='" },
		{ "=5", "'' is not a sysctl name" },
		{ "+=5", "'' is not a sysctl name" },
		{ "VM.Bad=1", "'VM.Bad' is not a sysctl name" },
		{ "vm.min_free_kbytes+=1.5", "'1.5' after += is not a whole number" },
		{ "vm.min_free_kbytes+=", "'' after += is not a whole number" },
		{ "kernel.core_pattern=a b", "the value holds a space, a quote or a backslash" },
		{ "kernel.core_pattern='x'", "the value holds a space, a quote or a backslash" },
	};
	for (const auto &[text, problem] : cases) {
		std::string message = input_error_message([&] { parse_sysctl_options({ text }, "--sysctl"); }, text);
		EXPECT_TRUE(contains(message, std::string("--sysctl '") + text + "': " + problem)) << message;
		EXPECT_TRUE(contains(message, "NAME+=N")) << message;
	}
}

TEST(WholeNumber, OnlyTheWholeTextAsOneSignedInteger)
{
	EXPECT_EQ(whole_number("4096"), 4096);
	EXPECT_EQ(whole_number("+5"), 5);
	EXPECT_EQ(whole_number("-12"), -12);
	for (const char *text : { "", "+", "1 2", " 1", "1.0", "0x10", "99999999999999999999" })
		EXPECT_FALSE(whole_number(text)) << text;
}

}  // namespace
}  // namespace kmh

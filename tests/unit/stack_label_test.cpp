// Tests of the `stack` label: short C++ names, frame selection, and where a frame-pointer walk went astray.
#include "collect/bpf/stack_label.h"

#include <gtest/gtest.h>

namespace kmh {
namespace {

StackFrame in_binary(std::string symbol, std::uint64_t offset = 0x10)
{
	return {0x401000, std::move(symbol), offset, "/usr/bin/app"};
}

TEST(ShortFunctionName, DropsParametersTemplatesAndCloneSuffixes)
{
	EXPECT_EQ(short_function_name("kmh_leak_known_path"), "kmh_leak_known_path");
	EXPECT_EQ(short_function_name("kmh::WorkloadProcess::child_main(int, kmh::WorkloadCgroup const&)"),
		  "kmh::WorkloadProcess::child_main");
	EXPECT_EQ(short_function_name("std::vector<int, std::allocator<int> >::push_back(int const&) [clone .isra.0]"),
		  "std::vector::push_back");
	EXPECT_EQ(short_function_name("kmh::Store::size() const"), "kmh::Store::size");
}

TEST(ShortFunctionName, DropsTheReturnTypeOfTemplateFunctions)
{
	EXPECT_EQ(short_function_name("nlohmann::basic_json<std::map>& std::vector<nlohmann::basic_json<std::map> >::"
				      "emplace_back<nlohmann::basic_json<std::map> >(nlohmann::basic_json<std::map>&&)"),
		  "std::vector::emplace_back");
	EXPECT_EQ(short_function_name("unsigned long kmh::count<int>(int)"), "kmh::count");
}

TEST(ShortFunctionName, KeepsAnonymousNamespacesAndOperators)
{
	EXPECT_EQ(short_function_name("kmh::(anonymous namespace)::MallocLeak::run()"),
		  "kmh::(anonymous namespace)::MallocLeak::run");
	EXPECT_EQ(short_function_name("operator new(unsigned long)"), "operator new");
	EXPECT_EQ(short_function_name("std::ostream& std::operator<< <std::char_traits<char> >(std::ostream&, char const*)"),
		  "std::operator<<");
	EXPECT_EQ(short_function_name("kmh::Matcher::operator()(kmh::Metric const&) const"), "kmh::Matcher::operator()");
}

TEST(StackLabel, JoinsTheInnermostFramesByName)
{
	std::vector<StackFrame> frames = {in_binary("leaf(int)"), in_binary("middle()"), in_binary("kmh::outer()"),
					  in_binary("main"), in_binary("__libc_start_call_main")};
	EXPECT_EQ(stack_label(frames), "leaf <- middle <- kmh::outer <- main");
	EXPECT_EQ(stack_label(frames, 2), "leaf <- middle");
}

TEST(StackLabel, LeavesOutTheProbedFunctionsOwnEntry)
{
	StackFrame malloc_entry{0x7f0000098930, "malloc", 0, "/usr/lib/x86_64-linux-gnu/libc.so.6"};
	EXPECT_EQ(stack_label({malloc_entry, in_binary("leaf"), in_binary("main")}), "leaf <- main");
}

TEST(StackLabel, NamesTheModuleWhenNoSymbolCoversTheAddress)
{
	StackFrame stripped{0x7f0000001234, "", 0, "/usr/lib/x86_64-linux-gnu/libfoo.so.1"};
	EXPECT_EQ(stack_label({stripped, in_binary("main")}), "[libfoo.so.1] <- main");
}

TEST(StackLabel, EndsWhereTheWalkLeftTheMappedFiles)
{
	StackFrame astray{0x5, "", 0, ""};
	EXPECT_EQ(stack_label({in_binary("leaf"), in_binary("run"), astray, in_binary("ignored")}), "leaf <- run");
	EXPECT_EQ(stack_label({astray}), "[unknown]");
	EXPECT_EQ(stack_label({}), no_stack_label);
}

}  // namespace
}  // namespace kmh

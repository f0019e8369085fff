// Tests of symbolization: functions of this test binary named from its own memory map, libc found in a map.
#include "collect/bpf/stack_symbolizer.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <sstream>

#include <gtest/gtest.h>

#include "collect/bpf/elf_function.h"
#include "collect/bpf/process_maps.h"
#include "common/error.h"

extern "C" [[gnu::noipa]] int kmh_symbolizer_test_target(int value)
{
	return value * 3 + 1;
}

namespace kmh {
namespace test_symbols {
[[gnu::noipa]] int scaled(int value, double factor)
{
	return static_cast<int>(value * factor);
}
}  // namespace test_symbols

namespace {

std::uint64_t address_of(const void *function)
{
	return reinterpret_cast<std::uint64_t>(function);
}

std::string own_maps()
{
	std::optional<std::string> maps = read_process_maps(getpid());
	EXPECT_TRUE(maps.has_value());
	return maps.value_or("");
}

TEST(StackSymbolizer, NamesAFunctionOfThisBinaryWithItsOffset)
{
	StackSymbolizer symbolizer(own_maps());
	std::uint64_t address = address_of(reinterpret_cast<const void *>(&kmh_symbolizer_test_target)) + 4;
	StackFrame frame = symbolizer.frame(address, address);
	EXPECT_EQ(frame.symbol, "kmh_symbolizer_test_target");
	EXPECT_EQ(frame.offset, 4u);
	EXPECT_EQ(frame.address, address);
	EXPECT_NE(frame.module.find("kmh_unit_tests"), std::string::npos) << frame.module;
}

TEST(StackSymbolizer, DemanglesCppNames)
{
	StackSymbolizer symbolizer(own_maps());
	std::uint64_t address = address_of(reinterpret_cast<const void *>(&test_symbols::scaled));
	EXPECT_EQ(symbolizer.frame(address, address).symbol, "kmh::test_symbols::scaled(int, double)");
	EXPECT_EQ(demangled("_ZN3kmh3runEv"), "kmh::run()");
	EXPECT_EQ(demangled("malloc"), "malloc");
}

TEST(StackSymbolizer, LooksReturnAddressesUpOneByteEarlier)
{
	StackSymbolizer symbolizer(own_maps());
	std::uint64_t entry = address_of(reinterpret_cast<const void *>(&kmh_symbolizer_test_target));
	std::vector<StackFrame> frames = symbolizer.symbolize({entry, entry + 1});
	ASSERT_EQ(frames.size(), 2u);
	EXPECT_EQ(frames[0].offset, 0u);
	EXPECT_EQ(frames[1].symbol, "kmh_symbolizer_test_target");
	EXPECT_EQ(frames[1].offset, 1u);
}

TEST(StackSymbolizer, LeavesAnAddressOutsideEveryMappingUnnamed)
{
	StackSymbolizer symbolizer(own_maps());
	StackFrame frame = symbolizer.frame(0x5, 0x5);
	EXPECT_TRUE(frame.symbol.empty());
	EXPECT_TRUE(frame.module.empty());
}

TEST(ProcessMaps, FindsTheMappedCLibrary)
{
	std::string maps =
		"55d0c0a00000-55d0c0a01000 r--p 00000000 fe:01 1234    /usr/bin/app\n"
		"7f1c2a000000-7f1c2a028000 r--p 00000000 fe:01 5678    /usr/lib/x86_64-linux-gnu/libcrypto.so.3\n"
		"7f1c2b000000-7f1c2b028000 r--p 00000000 fe:01 9012    /usr/lib/x86_64-linux-gnu/libc.so.6\n"
		"7ffd1a000000-7ffd1a021000 rw-p 00000000 00:00 0       [stack]\n";
	EXPECT_EQ(mapped_libc_path(maps), "/usr/lib/x86_64-linux-gnu/libc.so.6");
	EXPECT_EQ(mapped_libc_path("7f1c2b000000-7f1c2b028000 r-xp 00000000 fe:01 9 /lib/libc-2.31.so\n"),
		  "/lib/libc-2.31.so");
	EXPECT_EQ(mapped_libc_path("55d0c0a00000-55d0c0a01000 r--p 00000000 fe:01 1234 /usr/bin/static-app\n"),
		  std::nullopt);
}

// Where `address` lies in its mapped file, from this process's map: what a uprobe's offset must be.
std::optional<std::uint64_t> mapped_file_offset(std::uint64_t address)
{
	std::istringstream maps(own_maps());
	for (std::string line; std::getline(maps, line);) {
		unsigned long long start, end, offset;
		if (std::sscanf(line.c_str(), "%llx-%llx %*s %llx", &start, &end, &offset) == 3 && address >= start &&
		    address < end)
			return address - start + offset;
	}
	return std::nullopt;
}

TEST(ElfFunction, GivesTheFileOffsetOfALibcFunction)
{
	std::optional<std::string> libc = mapped_libc_path(own_maps());
	ASSERT_TRUE(libc.has_value());
	std::optional<std::uint64_t> malloc_offset = elf_function_offset(*libc, "malloc");
	ASSERT_TRUE(malloc_offset.has_value());
	EXPECT_EQ(malloc_offset, mapped_file_offset(address_of(reinterpret_cast<const void *>(&std::malloc))));
	EXPECT_EQ(elf_function_offset(*libc, "kmh_no_such_function"), std::nullopt);
	EXPECT_THROW(elf_function_offset("/proc/self/status", "malloc"), Error);
}

}  // namespace
}  // namespace kmh

// Tests of parsing ldd output into the files an initramfs must carry (harness/vm/shared_libraries.h).
#include <gtest/gtest.h>

#include "vm/shared_libraries.h"

namespace kmh {
namespace {

const std::string harness_ldd = "\tlinux-vdso.so.1 (0x00007ffd4e3f2000)\n"
				"\tlibbpf.so.1 => /lib/x86_64-linux-gnu/libbpf.so.1 (0x00007f0a9280a000)\n"
				"\tlibfmt.so.9 => /lib/x86_64-linux-gnu/libfmt.so.9 (0x00007f0a927b4000)\n"
				"\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f0a9201e000)\n"
				"\t/lib64/ld-linux-x86-64.so.2 (0x00007f0a92a1a000)\n";

TEST(LddOutput, ListsLibrariesThenTheLoader)
{
	LddListing listing = parse_ldd_output(harness_ldd);
	std::vector<std::string> expected = { "/lib/x86_64-linux-gnu/libbpf.so.1", "/lib/x86_64-linux-gnu/libfmt.so.9",
					      "/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2" };
	EXPECT_EQ(listing.files, expected);
	EXPECT_TRUE(listing.missing.empty());
}

TEST(LddOutput, StaticProgramNeedsNothing)
{
	EXPECT_TRUE(parse_ldd_output("\tnot a dynamic executable\n").files.empty());
	EXPECT_TRUE(parse_ldd_output("\tstatically linked\n").files.empty());
}

TEST(LddOutput, ReportsMissingLibraries)
{
	LddListing listing = parse_ldd_output("\tlibgone.so.2 => not found\n"
					      "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f0a9201e000)\n");
	EXPECT_EQ(listing.missing, std::vector<std::string>{ "libgone.so.2" });
	EXPECT_EQ(listing.files, std::vector<std::string>{ "/lib/x86_64-linux-gnu/libc.so.6" });
}

TEST(LddOutput, ListsAFileOnce)
{
	LddListing listing = parse_ldd_output(harness_ldd + "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x1)\n");
	EXPECT_EQ(listing.files.size(), 4u);
}

}  // namespace
}  // namespace kmh

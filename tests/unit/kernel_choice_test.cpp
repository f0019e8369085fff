// Series and flavour read from Debian kernel releases, and the SERIES[-FLAVOUR] notation.
#include <gtest/gtest.h>

#include "common/error.h"
#include "vm/debian_kernels.h"
#include "vm/kernel_choice.h"

namespace kmh {
namespace {

TEST(KernelChoice, SeriesIsTheFirstTwoNumbers)
{
	EXPECT_EQ(series_of("6.1.0-57-amd64"), "6.1");
	EXPECT_EQ(series_of("6.12.117+deb12-amd64"), "6.12");
	EXPECT_EQ(series_of("7.2.13+deb14-rt-amd64"), "7.2");
	EXPECT_EQ(series_of("custom"), "");
}

TEST(KernelChoice, FlavourIsTheWordBeforeTheArchitecture)
{
	EXPECT_EQ(flavour_of("6.1.0-57-amd64"), "generic");
	EXPECT_EQ(flavour_of("6.1.0-56-rt-amd64"), "rt");
	EXPECT_EQ(flavour_of("6.1.0-56-cloud-amd64"), "cloud");
	EXPECT_EQ(flavour_of("6.12.117+deb12-amd64"), "generic");
	EXPECT_EQ(flavour_of("6.12.117+deb12-rt-amd64"), "rt");
}

TEST(KernelChoice, MatchesBySeriesAndFlavourNotByPrefix)
{
	EXPECT_TRUE(matches({"6.1", "generic"}, "6.1.0-57-amd64"));
	EXPECT_FALSE(matches({"6.1", "generic"}, "6.12.117+deb12-amd64"));
	EXPECT_FALSE(matches({"6.1", "generic"}, "6.1.0-57-rt-amd64"));
	EXPECT_TRUE(matches({"", "rt"}, "6.1.0-57-rt-amd64"));
}

TEST(KernelChoice, ParsesSeriesAndOptionalFlavour)
{
	KernelChoice generic = parse_kernel_choice("6.12");
	EXPECT_EQ(generic.series, "6.12");
	EXPECT_EQ(generic.flavour, "generic");
	KernelChoice rt = parse_kernel_choice("6.1-rt");
	EXPECT_EQ(rt.series, "6.1");
	EXPECT_EQ(rt.flavour, "rt");
	for (const char *bad : {"", "6", "6.1.0-57", "rt", "/boot/vmlinuz-6.1.0-57-amd64"})
		EXPECT_THROW(parse_kernel_choice(bad), Error) << bad;
}

TEST(KernelChoice, InstallHintsNameMetapackages)
{
	EXPECT_EQ(kernel_install_hint({"6.1", "generic"}), "apt-get install linux-image-amd64 linux-headers-amd64");
	EXPECT_EQ(kernel_install_hint({"6.12", "generic"}),
		  "apt-get install linux-image-6.12-amd64 linux-headers-6.12-amd64");
	EXPECT_NE(kernel_install_hint({"5.10", "generic"}).find("generic 5.10"), std::string::npos);
}

}  // namespace
}  // namespace kmh

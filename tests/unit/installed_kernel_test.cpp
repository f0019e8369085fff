// Picking installed kernels by series and flavour in a fake root folder: /boot, /usr/lib/modules, headers.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "vm/installed_kernel.h"

namespace kmh {
namespace {

namespace fs = std::filesystem;

class InstalledKernels : public testing::Test {
protected:
	void SetUp() override
	{
		std::string pattern = (fs::temp_directory_path() / "kmh-kernels-XXXXXX").string();
		ASSERT_NE(mkdtemp(pattern.data()), nullptr);
		root_ = pattern;
	}
	void TearDown() override { fs::remove_all(root_); }

	void add_file(const std::string &relative)
	{
		fs::create_directories((root_ / relative).parent_path());
		std::ofstream(root_ / relative) << "x";
	}
	void add_boot_kernel(const std::string &release, bool headers)
	{
		add_file("boot/vmlinuz-" + release);
		add_file("boot/config-" + release);
		if (headers)
			add_headers(release);
	}
	void add_headers(const std::string &release) { add_file("usr/src/linux-headers-" + release + "/Makefile"); }

	std::string image_of(const KernelChoice &choice) const
	{
		std::optional<InstalledKernel> kernel = installed_kernel_with_headers(choice, root_);
		return kernel ? fs::relative(kernel->image, root_).string() : "none";
	}

	fs::path root_;
};

TEST_F(InstalledKernels, PicksTheNewestAbiOfTheSeriesWithHeaders)
{
	add_boot_kernel("6.1.0-9-amd64", true);
	add_boot_kernel("6.1.0-57-amd64", true);
	add_boot_kernel("6.1.0-100-amd64", false);
	add_boot_kernel("6.12.117+deb12-amd64", true);
	EXPECT_EQ(image_of({"6.1", "generic"}), "boot/vmlinuz-6.1.0-57-amd64");
	EXPECT_EQ(image_of({"6.12", "generic"}), "boot/vmlinuz-6.12.117+deb12-amd64");
	EXPECT_EQ(image_of({"", "generic"}), "boot/vmlinuz-6.12.117+deb12-amd64");
}

TEST_F(InstalledKernels, PicksByFlavour)
{
	add_boot_kernel("6.1.0-57-amd64", true);
	add_boot_kernel("6.1.0-57-rt-amd64", true);
	EXPECT_EQ(image_of({"6.1", "rt"}), "boot/vmlinuz-6.1.0-57-rt-amd64");
	EXPECT_EQ(image_of({"6.1", "generic"}), "boot/vmlinuz-6.1.0-57-amd64");
	EXPECT_EQ(image_of({"6.1", "cloud"}), "none");
	EXPECT_EQ(image_of({"6.12", "generic"}), "none");
}

TEST_F(InstalledKernels, FindsImagesUnderUsrLibModules)
{
	add_file("usr/lib/modules/7.2.13+deb14-amd64/vmlinuz");
	add_headers("7.2.13+deb14-amd64");
	add_file("usr/lib/modules/6.1.0-57-amd64/modules.dep");  // /boot's kind: no image here
	EXPECT_EQ(image_of({"7.2", "generic"}), "usr/lib/modules/7.2.13+deb14-amd64/vmlinuz");
	EXPECT_EQ(image_of({"6.1", "generic"}), "none");
}

TEST_F(InstalledKernels, ListsEachReleaseOnceNewestFirstWithItsHeaders)
{
	add_boot_kernel("6.1.0-57-amd64", true);
	add_file("usr/lib/modules/6.1.0-57-amd64/vmlinuz");
	add_boot_kernel("6.12.117+deb12-amd64", false);
	add_file("boot/System.map-6.1.0-57-amd64");
	std::vector<InstalledKernel> kernels = installed_kernels(root_);
	ASSERT_EQ(kernels.size(), 2u);
	EXPECT_EQ(kernels[0].release, "6.12.117+deb12-amd64");
	EXPECT_EQ(kernels[0].series, "6.12");
	EXPECT_EQ(kernels[0].flavour, "generic");
	EXPECT_EQ(kernels[0].headers_dir, "");
	EXPECT_EQ(kernels[1].release, "6.1.0-57-amd64");
	EXPECT_EQ(kernels[1].image, (root_ / "boot/vmlinuz-6.1.0-57-amd64").string());
	EXPECT_EQ(kernels[1].headers_dir, (root_ / "usr/src/linux-headers-6.1.0-57-amd64").string());
}

TEST_F(InstalledKernels, AnEmptyRootHasNone)
{
	EXPECT_TRUE(installed_kernels(root_).empty());
	EXPECT_EQ(image_of({"6.1", "generic"}), "none");
}

}  // namespace
}  // namespace kmh

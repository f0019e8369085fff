// Tests that a VM run needs the module, and the headers to build it, only for kmod workloads.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "common/error.h"
#include "scenario/scenario.h"
#include "vm/initramfs.h"
#include "vm/kernel_image.h"

namespace kmh {
namespace {

Scenario with_kinds(const std::vector<std::string> &kinds)
{
	Scenario scenario;
	for (const std::string &kind : kinds) {
		WorkloadSpec workload;
		workload.name = kind;
		workload.kind = kind;
		scenario.workloads.push_back(workload);
	}
	return scenario;
}

TEST(ModuleNeed, OnlyKmodWorkloadsUseTheModule)
{
	EXPECT_FALSE(uses_kernel_module(with_kinds({ "pcp_bounce" })));
	EXPECT_FALSE(uses_kernel_module(with_kinds({})));
	EXPECT_TRUE(uses_kernel_module(with_kinds({ "anon_fault", "kmod" })));
}

// The bzImage header that inspect_kernel_image reads the release from.
std::string fake_bzimage(const std::string &version)
{
	std::string image(0x3c00 + version.size() + 64, '\x90');
	image.replace(0x202, 4, "HdrS");
	unsigned pointer = 0x3c00 - 0x200;
	image[0x20E] = static_cast<char>(pointer & 0xff);
	image[0x20F] = static_cast<char>(pointer >> 8);
	image.replace(0x3c00, version.size() + 1, version + '\0');
	return image;
}

TEST(ModuleNeed, HeadersAreNotLookedForWhenNoModuleIsBuilt)
{
	std::filesystem::path image = std::filesystem::temp_directory_path() /
				      ("kmh_module_need_" + std::to_string(::getpid()) + ".bzImage");
	std::ofstream(image, std::ios::binary) << fake_bzimage("9.9.9-test #1");
	KernelImage kernel = inspect_kernel_image(image.string(), "/nonexistent", HeadersNeed::not_needed);
	EXPECT_EQ(kernel.release, "9.9.9-test");
	EXPECT_THROW(inspect_kernel_image(image.string(), "/nonexistent", HeadersNeed::required), Error);
	std::filesystem::remove(image);
}

TEST(ModuleNeed, WithoutAModuleInitPassesNone)
{
	InitramfsContents contents;
	contents.scenario = "/src/scenarios/pcpu_bounce.toml";
	EXPECT_EQ(guest_module_path(contents), "");
	EXPECT_NE(guest_settings(contents).find("KMH_MODULE=''\n"), std::string::npos) << guest_settings(contents);
	contents.module = "/cache/kmod-6.1.0-57-amd64/kmemharness.ko";
	EXPECT_NE(guest_settings(contents).find("KMH_MODULE='/lib/kmemharness/kmemharness.ko'\n"), std::string::npos);
}

TEST(GuestSettings, ModulesArePlainKoFilesInTheGuestAndTheDiskIsNamed)
{
	InitramfsContents contents;
	contents.scenario = "/src/scenarios/swapin.toml";
	contents.swap_bytes = 1 << 30;
	contents.swap_modules = { "/lib/modules/r/kernel/lib/lz4/lz4_compress.ko.xz",
				  "/lib/modules/r/kernel/drivers/block/zram/zram.ko.xz" };
	contents.disk = true;
	contents.disk_modules = { "/lib/modules/r/kernel/fs/ext4/ext4.ko.zst" };
	std::string settings = guest_settings(contents);
	EXPECT_NE(settings.find("KMH_SWAP_MODULES='/lib/kmemharness/swap/lz4_compress.ko "
				"/lib/kmemharness/swap/zram.ko'\n"),
		  std::string::npos)
		<< settings;
	EXPECT_NE(settings.find("KMH_DISK='/dev/vda'\n"), std::string::npos) << settings;
	EXPECT_NE(settings.find("KMH_DISK_MOUNT='/var/tmp'\n"), std::string::npos) << settings;
	EXPECT_NE(settings.find("KMH_DISK_MODULES='/lib/kmemharness/disk/ext4.ko'\n"), std::string::npos) << settings;
	contents.disk = false;
	EXPECT_NE(guest_settings(contents).find("KMH_DISK=''\n"), std::string::npos);
}

}  // namespace
}  // namespace kmh

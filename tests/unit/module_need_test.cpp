// Tests that a VM run needs the module, and the headers to build it, only for kmod workloads.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "common/error.h"
#include "fake_bzimage.h"
#include "scenario/scenario.h"
#include "vm/guest_init.h"
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
	contents.scenarios = { { "/src/scenarios/pcpu_bounce.toml", 0 } };
	EXPECT_EQ(guest_module_path(contents), "");
	EXPECT_NE(guest_settings(contents).find("KMH_MODULE=''\n"), std::string::npos) << guest_settings(contents);
	contents.module = "/cache/kmod-6.1.0-57-amd64/kmemharness.ko";
	EXPECT_NE(guest_settings(contents).find("KMH_MODULE='/lib/kmemharness/kmemharness.ko'\n"), std::string::npos);
}

TEST(GuestSettings, ModulesArePlainKoFilesTheDiskIsNamedAndEveryScenarioIsListed)
{
	InitramfsContents contents;
	contents.scenarios = { { "/src/scenarios/swapin.toml", 1 << 30 }, { "/other/swapin.toml", 0 } };
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
	EXPECT_NE(settings.find("KMH_SCENARIO_COUNT='2'\nKMH_SCENARIO_0='/scenario/0-swapin.toml'\nKMH_SWAP_BYTES_0='1073741824'\n"
				"KMH_SCENARIO_1='/scenario/1-swapin.toml'\nKMH_SWAP_BYTES_1='0'\n"),
		  std::string::npos)
		<< settings;
	EXPECT_NE(settings.find("KMH_SYSCTLS=''\n"), std::string::npos) << settings;
	contents.disk = false;
	EXPECT_NE(guest_settings(contents).find("KMH_DISK=''\n"), std::string::npos);
}

TEST(GuestSettings, RunSysctlOptionsReachEveryScenarioOfTheGuest)
{
	InitramfsContents contents;
	contents.scenarios = { { "/src/a.toml", 0 } };
	contents.sysctl_options = { "vm.min_free_kbytes+=6144", "vm.watermark_boost_factor=0" };
	EXPECT_NE(guest_settings(contents).find("KMH_SYSCTLS='vm.min_free_kbytes+=6144 vm.watermark_boost_factor=0'\n"),
		  std::string::npos);
	EXPECT_NE(guest_init_script().find("for sysctl in $KMH_SYSCTLS; do harness_flags=\"$harness_flags --sysctl $sysctl\"; done"),
		  std::string::npos);
}

}  // namespace
}  // namespace kmh

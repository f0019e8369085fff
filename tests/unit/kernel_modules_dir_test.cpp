// Tests of where a kernel image's modules are looked for (harness/vm/kernel_modules_dir.h).
#include <gtest/gtest.h>

#include "vm/kernel_modules_dir.h"

namespace kmh {
namespace {

TEST(KernelModulesDir, ImageInItsModulesFolderUsesThatFolder)
{
	EXPECT_EQ(kernel_modules_dir("/usr/lib/modules/7.2.13-amd64/vmlinuz", "7.2.13-amd64"),
		  "/usr/lib/modules/7.2.13-amd64");
	EXPECT_EQ(kernel_modules_dir("/srv/root/usr/lib/modules/7.2.13-amd64/./vmlinuz", "7.2.13-amd64"),
		  "/srv/root/usr/lib/modules/7.2.13-amd64");
}

TEST(KernelModulesDir, BootImageUsesLibModules)
{
	EXPECT_EQ(kernel_modules_dir("/boot/vmlinuz-6.1.0-57-amd64", "6.1.0-57-amd64"), "/lib/modules/6.1.0-57-amd64");
	// A vmlinuz in a folder not named after its release is no modules folder.
	EXPECT_EQ(kernel_modules_dir("/home/me/build/vmlinuz", "6.1.0-57-amd64"), "/lib/modules/6.1.0-57-amd64");
}

}  // namespace
}  // namespace kmh

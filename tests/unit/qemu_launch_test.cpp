// Tests of the QEMU command line and kernel command line a VM run uses (harness/vm/qemu_launch.h).
#include <gtest/gtest.h>

#include <algorithm>

#include "vm/qemu_launch.h"

namespace kmh {
namespace {

// The argument after `option`, or "" when the option is absent.
std::string value_of(const std::vector<std::string> &argv, const std::string &option)
{
	auto found = std::find(argv.begin(), argv.end(), option);
	return found == argv.end() || found + 1 == argv.end() ? "" : *(found + 1);
}

TEST(QemuLaunch, CommandCarriesTheConfiguration)
{
	QemuConfig config{ "tcg", (1LL << 30) + 1, 4, "/boot/vmlinuz", "", "/tmp/i.cpio", "slub_debug=FZ",
			   "/out/console.log", "/tmp/qemu.log", "" };
	std::vector<std::string> argv = qemu_command(config, "/usr/bin/qemu-system-x86_64");
	EXPECT_EQ(argv.front(), "/usr/bin/qemu-system-x86_64");
	EXPECT_EQ(value_of(argv, "-accel"), "tcg,thread=single");
	EXPECT_EQ(value_of(argv, "-m"), "1025M");
	EXPECT_EQ(value_of(argv, "-smp"), "4");
	EXPECT_EQ(value_of(argv, "-kernel"), "/boot/vmlinuz");
	EXPECT_EQ(value_of(argv, "-initrd"), "/tmp/i.cpio");
	EXPECT_EQ(value_of(argv, "-append"), kernel_cmdline("slub_debug=FZ"));
	EXPECT_NE(std::find(argv.begin(), argv.end(), "-no-reboot"), argv.end());
	// One serial port: the console, which also carries the results home.
	EXPECT_EQ(value_of(argv, "-serial"), "file:/out/console.log");
	EXPECT_EQ(std::count(argv.begin(), argv.end(), "-serial"), 1);
	EXPECT_EQ(std::find(argv.begin(), argv.end(), "-bios"), argv.end());  // SeaBIOS, QEMU's default
}

TEST(QemuLaunch, FirmwareIsPassedWhenChosen)
{
	QemuConfig config{ "tcg", 1LL << 30, 2, "/cache/pvh.vmlinux", "/usr/share/qemu/qboot.rom", "/tmp/i.cpio", "",
			   "/out/console.log", "/tmp/qemu.log", "" };
	std::vector<std::string> argv = qemu_command(config, "qemu-system-x86_64");
	EXPECT_EQ(value_of(argv, "-bios"), "/usr/share/qemu/qboot.rom");
	EXPECT_EQ(value_of(argv, "-kernel"), "/cache/pvh.vmlinux");
}

TEST(QemuLaunch, ScratchDiskIsAVirtioDriveWithoutFlushes)
{
	QemuConfig config{ "tcg", 1LL << 30, 2, "/boot/vmlinuz", "", "/tmp/i.cpio", "", "/out/console.log",
			   "/tmp/qemu.log", "/cache/run-1,2/scratch.ext4" };
	std::vector<std::string> argv = qemu_command(config, "qemu-system-x86_64");
	// A comma inside a QEMU option value is written twice.
	EXPECT_EQ(value_of(argv, "-drive"), "file=/cache/run-1,,2/scratch.ext4,if=virtio,format=raw,cache=unsafe");
	config.disk_image = "";
	argv = qemu_command(config, "qemu-system-x86_64");
	EXPECT_EQ(std::find(argv.begin(), argv.end(), "-drive"), argv.end());
}

TEST(QemuLaunch, NumaNodesSplitMemoryAndCpusInBlocks)
{
	QemuConfig config{ "tcg", 2LL << 30, 2, "/boot/vmlinuz", "", "/tmp/i.cpio", "", "/out/console.log",
			   "/tmp/qemu.log", "", 2 };
	std::vector<std::string> argv = qemu_command(config, "qemu-system-x86_64");
	EXPECT_EQ(value_of(argv, "-m"), "2048M");
	std::vector<std::string> expected = { "-object", "memory-backend-ram,id=ram0,size=1024M",
					      "-numa", "node,nodeid=0,cpus=0-0,memdev=ram0",
					      "-object", "memory-backend-ram,id=ram1,size=1024M",
					      "-numa", "node,nodeid=1,cpus=1-1,memdev=ram1" };
	EXPECT_NE(std::search(argv.begin(), argv.end(), expected.begin(), expected.end()), argv.end());
	// The last node takes what does not divide; a node without a CPU block has memory only.
	EXPECT_EQ(numa_arguments(1025, 1, 2),
		  (std::vector<std::string>{ "-object", "memory-backend-ram,id=ram0,size=512M", "-numa",
					     "node,nodeid=0,memdev=ram0", "-object", "memory-backend-ram,id=ram1,size=513M",
					     "-numa", "node,nodeid=1,cpus=0-0,memdev=ram1" }));
	config.numa_nodes = 1;
	argv = qemu_command(config, "qemu-system-x86_64");
	EXPECT_EQ(std::find(argv.begin(), argv.end(), "-numa"), argv.end());
}

TEST(QemuLaunch, KernelCmdlinePanicsOnOopsAndAppendsExtras)
{
	std::string cmdline = kernel_cmdline("");
	EXPECT_NE(cmdline.find("console=ttyS0"), std::string::npos);
	EXPECT_NE(cmdline.find("panic=-1"), std::string::npos);
	EXPECT_NE(cmdline.find("oops=panic"), std::string::npos);
	EXPECT_EQ(kernel_cmdline("mitigations=off"), cmdline + " mitigations=off");
}

}  // namespace
}  // namespace kmh

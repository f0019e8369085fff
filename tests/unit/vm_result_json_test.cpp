// Tests of the "vm" member of result.json a VM run adds (harness/report/vm_info.h, result_json.h).
#include <gtest/gtest.h>

#include "common/error.h"
#include "report/result_json.h"

namespace kmh {
namespace {

TEST(VmResultJson, VmInfoRoundTrips)
{
	RunResult result;
	result.target = "vm";
	result.vm = VmInfo{ "/boot/vmlinuz-6.1.0-56-amd64", "6.1.0-56-amd64", "tcg", 10.25, 1.75, 30.5, 1.5, 2.25, 44.5,
			    "/out/console.log", "pvh", 4LL << 30, 2 };
	nlohmann::json document = result_to_json(result);
	EXPECT_EQ(document["vm"]["accel"], "tcg");
	EXPECT_EQ(document["vm"]["boot_seconds"], 10.25);
	RunResult back = result_from_json(document);
	ASSERT_TRUE(back.vm);
	EXPECT_EQ(back.vm->kernel_image, "/boot/vmlinuz-6.1.0-56-amd64");
	EXPECT_EQ(back.vm->kernel_release, "6.1.0-56-amd64");
	EXPECT_EQ(back.vm->accel, "tcg");
	EXPECT_DOUBLE_EQ(back.vm->boot_seconds, 10.25);
	EXPECT_DOUBLE_EQ(back.vm->setup_seconds, 1.75);
	EXPECT_DOUBLE_EQ(back.vm->scenario_seconds, 30.5);
	EXPECT_DOUBLE_EQ(back.vm->send_seconds, 1.5);
	EXPECT_DOUBLE_EQ(back.vm->poweroff_seconds, 2.25);
	EXPECT_DOUBLE_EQ(back.vm->total_seconds, 44.5);
	EXPECT_EQ(back.vm->console_log, "/out/console.log");
	EXPECT_EQ(back.vm->boot, "pvh");
	EXPECT_EQ(document["vm"]["memory_bytes"], 4LL << 30);
	EXPECT_EQ(back.vm->memory_bytes, 4LL << 30);
	EXPECT_EQ(back.vm->cpus, 2);
}

// Results written before the guest's memory and CPUs were recorded read back with zeros.
TEST(VmResultJson, OlderResultsWithoutMemoryAndCpusStillRead)
{
	RunResult result;
	result.vm = VmInfo{};
	nlohmann::json document = result_to_json(result);
	document["vm"].erase("memory_bytes");
	document["vm"].erase("cpus");
	RunResult back = result_from_json(document);
	ASSERT_TRUE(back.vm);
	EXPECT_EQ(back.vm->memory_bytes, 0);
	EXPECT_EQ(back.vm->cpus, 0);
}

TEST(VmResultJson, HostRunsHaveNoVmMember)
{
	nlohmann::json document = result_to_json(RunResult{});
	EXPECT_FALSE(document.contains("vm"));
	EXPECT_FALSE(result_from_json(document).vm);
}

TEST(VmResultJson, WrongVmTypeIsRejected)
{
	nlohmann::json document = result_to_json(RunResult{});
	document["vm"] = "tcg";
	EXPECT_THROW(result_from_json(document), Error);
}

}  // namespace
}  // namespace kmh

// Tests of kmemharness request lines (formatting and bounds), reply parsing, and the kmod workload's errors.
#include <gtest/gtest.h>

#include <unistd.h>

#include <map>
#include <string>

#include "common/error.h"
#include "workloads/kmod_request.h"
#include "workloads/workload.h"

namespace kmh {
namespace {

const char *const control_path = "/sys/kernel/debug/kmemharness/control";
ExitCode format_error(const KmodRequest &request)
{
	try {
		format_request(request);
	} catch (const Error &e) {
		return e.code();
	}
	return ExitCode::passed;
}

std::string format_message(const KmodRequest &request)
{
	try {
		format_request(request);
	} catch (const Error &e) {
		return e.what();
	}
	return {};
}

TEST(KmodRequest, KmallocCarriesEveryKeyTheModuleReads)
{
	KmodRequest request{ .op = KmodOp::kmalloc, .count = 1000, .cpu = 0, .free_cpu = 1, .size = 64 };
	EXPECT_EQ(format_request(request), "kmalloc count=1000 cpu=0 free_cpu=1 size=64 gfp=GFP_KERNEL");
	request.zero = true;
	request.hold = "pinned_64";
	request.gfp = "GFP_KERNEL_ACCOUNT | __GFP_RECLAIMABLE";
	EXPECT_EQ(format_request(request),
		  "kmalloc count=1000 cpu=0 free_cpu=1 hold=pinned_64 size=64 gfp=GFP_KERNEL_ACCOUNT|__GFP_RECLAIMABLE zero=1");
}

TEST(KmodRequest, CacheRequestsNameTheCacheByTag)
{
	KmodRequest create{ .op = KmodOp::cache_create, .cache = "obj200", .object_size = 200, .align = 64,
			    .flags = "SLAB_ACCOUNT|SLAB_HWCACHE_ALIGN" };
	EXPECT_EQ(format_request(create), "cache_create name=obj200 object_size=200 align=64 flags=SLAB_ACCOUNT|SLAB_HWCACHE_ALIGN");
	create.flags = "";
	EXPECT_EQ(format_request(create), "cache_create name=obj200 object_size=200 align=64 flags=0");
	KmodRequest alloc{ .op = KmodOp::cache_alloc, .count = 5, .cpu = 1, .gfp = "GFP_NOWAIT", .cache = "obj200" };
	EXPECT_EQ(format_request(alloc), "cache_alloc count=5 cpu=1 name=obj200 gfp=GFP_NOWAIT");
	EXPECT_EQ(format_request({ .op = KmodOp::cache_destroy, .cache = "obj200" }), "cache_destroy name=obj200");
}

TEST(KmodRequest, VmallocPassesGfpToKvmallocOnly)
{
	KmodRequest request{ .op = KmodOp::vmalloc, .size = 8192 };
	EXPECT_EQ(format_request(request), "vmalloc count=1 cpu=0 size=8192 variant=vmalloc");
	request.variant = "kvmalloc";
	EXPECT_EQ(format_request(request), "vmalloc count=1 cpu=0 size=8192 variant=kvmalloc gfp=GFP_KERNEL");
	request.variant = "vzalloc";
	request.gfp = "GFP_KERNEL_ACCOUNT";
	EXPECT_EQ(format_error(request), ExitCode::invalid_input);
}

TEST(KmodRequest, AllocPagesAndRelease)
{
	KmodRequest pages{ .op = KmodOp::alloc_pages, .count = 100, .gfp = "GFP_HIGHUSER_MOVABLE|__GFP_COMP", .order = 3 };
	EXPECT_EQ(format_request(pages), "alloc_pages count=100 cpu=0 order=3 gfp=GFP_HIGHUSER_MOVABLE|__GFP_COMP");
	EXPECT_EQ(format_request({ .op = KmodOp::release, .tag = "pinned" }), "release tag=pinned");
	EXPECT_EQ(format_request({ .op = KmodOp::release, .free_cpu = 1, .tag = "pinned" }), "release tag=pinned free_cpu=1");
}

TEST(KmodRequest, SieveSplitsBlocksOfOrderOneOrMoreThatAreNotCompound)
{
	KmodRequest sieve{ .op = KmodOp::alloc_pages, .count = 8, .order = 4, .sieve = true };
	EXPECT_EQ(format_request(sieve), "alloc_pages count=8 cpu=0 order=4 gfp=GFP_KERNEL sieve=1");
	sieve.order = 0;
	EXPECT_EQ(format_message(sieve), "kmod: sieve needs order = 1 or more: it splits each block and keeps one page of it");
	sieve.order = 4;
	sieve.gfp = "GFP_KERNEL|__GFP_COMP";
	EXPECT_EQ(format_error(sieve), ExitCode::invalid_input);
}

TEST(KmodRequest, SizesOutsideTheModuleBoundsAreInvalid)
{
	EXPECT_EQ(format_error({ .op = KmodOp::kmalloc, .size = 0 }), ExitCode::invalid_input);
	EXPECT_EQ(format_error({ .op = KmodOp::kmalloc, .size = kmod_max_kmalloc_size }), ExitCode::passed);
	EXPECT_EQ(format_error({ .op = KmodOp::kmalloc, .size = kmod_max_kmalloc_size + 1 }), ExitCode::invalid_input);
	EXPECT_EQ(format_error({ .op = KmodOp::vmalloc, .size = 4095 }), ExitCode::invalid_input);
	EXPECT_EQ(format_error({ .op = KmodOp::vmalloc, .size = kmod_max_vmalloc_size + 1 }), ExitCode::invalid_input);
	EXPECT_EQ(format_error({ .op = KmodOp::alloc_pages, .order = kmod_max_order + 1 }), ExitCode::invalid_input);
	EXPECT_EQ(format_error({ .op = KmodOp::cache_create, .cache = "c", .object_size = 4 }), ExitCode::invalid_input);
	EXPECT_EQ(format_error({ .op = KmodOp::cache_create, .cache = "c", .object_size = 64, .align = 3 }),
		  ExitCode::invalid_input);
	EXPECT_EQ(format_error({ .op = KmodOp::cache_create, .cache = "c", .object_size = 64, .align = 8192 }),
		  ExitCode::invalid_input);
}

TEST(KmodRequest, CountIsBoundedAndTheMessageSaysTheRange)
{
	EXPECT_EQ(format_error({ .op = KmodOp::kmalloc, .count = 0, .size = 8 }), ExitCode::invalid_input);
	EXPECT_EQ(format_error({ .op = KmodOp::kmalloc, .count = kmod_max_count, .size = 8 }), ExitCode::passed);
	EXPECT_EQ(format_message({ .op = KmodOp::kmalloc, .count = kmod_max_count + 1, .size = 8 }),
		  "kmod: count = 1000001 is out of range, accepted 1..1000000");
}

TEST(KmodRequest, GfpFlagsComeFromTheWhitelistOfTheirOp)
{
	auto kmalloc_with = [](const char *gfp) { return KmodRequest{ .op = KmodOp::kmalloc, .size = 64, .gfp = gfp }; };
	EXPECT_EQ(format_error(kmalloc_with("GFP_BOGUS")), ExitCode::invalid_input);
	EXPECT_EQ(format_error(kmalloc_with("GFP_HIGHUSER_MOVABLE")), ExitCode::invalid_input);
	EXPECT_EQ(format_error(kmalloc_with("GFP_KERNEL|__GFP_MOVABLE")), ExitCode::invalid_input);
	EXPECT_EQ(format_error(kmalloc_with("GFP_KERNEL|GFP_ATOMIC")), ExitCode::invalid_input);
	EXPECT_EQ(format_error(kmalloc_with("__GFP_ZERO")), ExitCode::invalid_input);
	EXPECT_EQ(format_error(kmalloc_with("GFP_ATOMIC|__GFP_NOWARN|__GFP_COMP")), ExitCode::passed);
	KmodRequest pages{ .op = KmodOp::alloc_pages, .gfp = "GFP_KERNEL|__GFP_RECLAIMABLE|__GFP_MOVABLE" };
	EXPECT_EQ(format_error(pages), ExitCode::invalid_input);
	KmodRequest kvmalloc{ .op = KmodOp::vmalloc, .size = 8192, .gfp = "GFP_ATOMIC", .variant = "kvmalloc" };
	EXPECT_EQ(format_error(kvmalloc), ExitCode::invalid_input);
	EXPECT_NE(format_message(kmalloc_with("GFP_BOGUS")).find("accepted GFP_KERNEL"), std::string::npos);
}

TEST(KmodRequest, TagsAreShortWordsWithoutSpaces)
{
	EXPECT_EQ(format_error({ .op = KmodOp::release, .tag = "" }), ExitCode::invalid_input);
	EXPECT_EQ(format_error({ .op = KmodOp::release, .tag = "a b" }), ExitCode::invalid_input);
	EXPECT_EQ(format_error({ .op = KmodOp::release, .tag = std::string(kmod_max_tag_length, 'x') }), ExitCode::passed);
	EXPECT_EQ(format_error({ .op = KmodOp::release, .tag = std::string(kmod_max_tag_length + 1, 'x') }),
		  ExitCode::invalid_input);
	EXPECT_EQ(format_error({ .op = KmodOp::kmalloc, .hold = "x=1", .size = 8 }), ExitCode::invalid_input);
}

TEST(KmodRequest, ZeroOnlyWhereAZeroingCallExists)
{
	EXPECT_EQ(format_error({ .op = KmodOp::alloc_pages, .zero = true }), ExitCode::invalid_input);
	EXPECT_EQ(format_error({ .op = KmodOp::vmalloc, .size = 8192, .zero = true }), ExitCode::invalid_input);
	EXPECT_EQ(format_error({ .op = KmodOp::cache_alloc, .zero = true, .cache = "c" }), ExitCode::passed);
}

TEST(KmodReply, OkRepliesGiveTheirValues)
{
	KmodReply reply = parse_reply("ok kmalloc count=1000 bytes=64000 bytes_alloc=64000 ns=5162090 cpu=0 free_cpu=1\n");
	EXPECT_TRUE(reply.ok);
	EXPECT_EQ(reply.op, "kmalloc");
	EXPECT_EQ(reply.values["count"], "1000");
	EXPECT_EQ(reply.values["bytes_alloc"], "64000");
	EXPECT_EQ(reply.values["free_cpu"], "1");
	EXPECT_EQ(reply.values.count("free_ns"), 0u);
}

TEST(KmodReply, ErrorRepliesGiveTheReason)
{
	KmodReply reply = parse_reply("error kmalloc: size=0 out of range, accepted 1..4194304 (KMALLOC_MAX_SIZE)\n");
	EXPECT_FALSE(reply.ok);
	EXPECT_EQ(reply.op, "kmalloc");
	EXPECT_EQ(reply.reason, "size=0 out of range, accepted 1..4194304 (KMALLOC_MAX_SIZE)");
	EXPECT_EQ(parse_reply("garbled").reason, "garbled");
	EXPECT_FALSE(parse_reply("").ok);
}

std::unique_ptr<Workload> kmod_workload(std::map<std::string, OptionValue> overrides, OptionValues &values)
{
	const WorkloadDescriptor &descriptor = *find_workload("kmod");
	for (const OptionSpec &option : descriptor.schema.options)
		values.set(option.name, *option.default_value);
	for (const auto &[name, value] : overrides)
		values.set(name, value);
	return descriptor.create(WorkloadContext{ "kmod_test", &values, {}, testing::TempDir() });
}

ExitCode kmod_creation_error(std::map<std::string, OptionValue> overrides)
{
	OptionValues values;
	try {
		kmod_workload(std::move(overrides), values);
	} catch (const Error &e) {
		return e.code();
	}
	return ExitCode::passed;
}

TEST(KmodWorkload, OptionsThatDoNotFitTheOpAreInvalid)
{
	EXPECT_EQ(kmod_creation_error({ { "op", std::string("cache_alloc") } }), ExitCode::invalid_input);
	EXPECT_EQ(kmod_creation_error({ { "cache", std::string("c") } }), ExitCode::invalid_input);
	EXPECT_EQ(kmod_creation_error({ { "op", std::string("release") } }), ExitCode::invalid_input);
	EXPECT_EQ(kmod_creation_error({ { "op", std::string("vmalloc") } }), ExitCode::invalid_input);
	EXPECT_EQ(kmod_creation_error({ { "release_tag", std::string("x") } }), ExitCode::invalid_input);
	EXPECT_EQ(kmod_creation_error({ { "cpu", std::int64_t{ 4095 } } }), ExitCode::environment);
	EXPECT_EQ(kmod_creation_error({ { "op", std::string("cache_alloc") }, { "cache", std::string("c") } }),
		  ExitCode::passed);
}

// On a kernel without the module (the build host) prepare() is an environment error; in a guest
// with the module loaded the workload's request runs and its metrics come back.
TEST(KmodWorkload, RunsAgainstTheModuleOrSaysItIsNotLoaded)
{
	OptionValues values;
	auto workload = kmod_workload({ { "count", std::int64_t{ 100 } }, { "size", std::int64_t{ 96 } } }, values);
	if (access(control_path, F_OK) != 0) {
		try {
			workload->prepare();
			FAIL() << "prepare() succeeded without " << control_path;
		} catch (const Error &e) {
			EXPECT_EQ(e.code(), ExitCode::environment);
			EXPECT_NE(std::string(e.what()).find("not loaded"), std::string::npos) << e.what();
		}
		return;
	}
	workload->prepare();
	std::map<std::string, double> metrics;
	for (const WorkloadMetric &metric : workload->run())
		metrics[metric.metric] = metric.value;
	workload->cleanup();
	EXPECT_EQ(metrics["requested"], 100);
	EXPECT_EQ(metrics["bytes"], 9600);
	EXPECT_EQ(metrics["bytes_alloc"], 9600);
	EXPECT_GT(metrics["ns"], 0);
}

}  // namespace
}  // namespace kmh

// Exact counts on each kernel series a VM boots: one count per call where a kernel traces it twice, every module op.
#include <optional>
#include <ostream>
#include <string>

#include <gtest/gtest.h>

#include "kmemharness_run.h"
#include "result_file.h"
#include "scratch_dir.h"
#include "test_kernel.h"

namespace kmh::integration {
namespace {

constexpr std::chrono::seconds vm_run_limit{110};

// A kernel series and how its tracing differs, as measured (docs/metrics.md).
struct KernelSeries {
	std::string series;
	double duplicates_per_large_kmalloc;  // kmem:kmalloc firings beyond one per call above 8 KiB
};

const KernelSeries series_under_test[] = {
	{"6.1", 0},
	{"6.12", 1},
};

void PrintTo(const KernelSeries &kernel, std::ostream *out)
{
	*out << kernel.series;
}

class VmExactness : public testing::TestWithParam<KernelSeries> {
protected:
	void SetUp() override
	{
		TestKernel kernel = test_kernel(KernelChoice{ GetParam().series, "generic" });
		KMH_SKIP_OR_FAIL_IF(kernel.gap);
		kernel_ = kernel.image;
	}

	ProcessOutcome run_in_vm(const std::string &scenario)
	{
		return run_kmemharness({"run", "--kernel", kernel_, "--accel", "tcg", scenario, "--output",
					scratch_ / "out"},
				       vm_run_limit);
	}

	ResultFile result() const { return ResultFile(scratch_ / "out/result.json"); }

	std::string kernel_;
	ScratchDir scratch_;
};

const LabelSelector worker_cpu0 = {{"scope", "workload"}, {"cpu", "0"}};

TEST_P(VmExactness, LargeKmallocCountsCallsNotFirings)
{
	ProcessOutcome run = run_in_vm(shipped_scenario("kmalloc_large.toml"));
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	ASSERT_EQ(run.exit_code, exit_status::passed) << describe(run);
	ResultFile counts = result();
	EXPECT_EQ(counts.sum("slab.kmalloc.events", worker_cpu0), 500);
	EXPECT_EQ(counts.sum("slab.kmalloc.bytes_alloc", worker_cpu0), 500 * 16384);
	EXPECT_EQ(counts.sum("slab.kfree.events", worker_cpu0), 500);
	EXPECT_EQ(counts.sum("slab.kmalloc.duplicate_events", worker_cpu0), 500 * GetParam().duplicates_per_large_kmalloc);
	bool quirk_line = run.out.find("kmem:kmalloc fired twice") != std::string::npos;
	EXPECT_EQ(quirk_line, GetParam().duplicates_per_large_kmalloc > 0) << describe(run);
}

// Large kmallocs of the matrix: 200 x (8 KiB + 1), 500 x 16 KiB and 5 x 4 MiB on CPU 0; on CPU 3,
// 100 x kvmalloc(64 KiB) and the 5 failing kmallocs of kvmalloc(4 MiB + 1).
constexpr double matrix_large_kmallocs_cpu0 = 200 + 500 + 5;
constexpr double matrix_large_kmallocs_cpu3 = 100 + 5;

TEST_P(VmExactness, EveryModuleOpCountsItsRequests)
{
	ProcessOutcome run = run_in_vm(test_scenario("exactness_matrix.toml"));
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	ASSERT_EQ(run.exit_code, exit_status::passed) << describe(run);
	ResultFile counts = result();
	EXPECT_EQ(counts.json().at("assertions").size(), 33u);
	double per_call = GetParam().duplicates_per_large_kmalloc;
	EXPECT_EQ(counts.sum("slab.kmalloc.duplicate_events", worker_cpu0), matrix_large_kmallocs_cpu0 * per_call);
	EXPECT_EQ(counts.sum("slab.kmalloc.duplicate_events", {{"scope", "workload"}, {"cpu", "3"}}),
		  matrix_large_kmallocs_cpu3 * per_call);
	for (const nlohmann::json &metric : counts.json().at("metrics")) {
		if (metric.at("labels").value("scope", "") == "workload" && metric.at("labels").contains("context")) {
			EXPECT_EQ(metric.at("labels").at("context"), "task") << metric.dump();
		}
	}
}

std::string series_name(const testing::TestParamInfo<KernelSeries> &info)
{
	std::string name = "linux_" + info.param.series;
	for (char &c : name)
		if (c == '.')
			c = '_';
	return name;
}

INSTANTIATE_TEST_SUITE_P(Kernels, VmExactness, testing::ValuesIn(series_under_test), series_name);

}  // namespace
}  // namespace kmh::integration

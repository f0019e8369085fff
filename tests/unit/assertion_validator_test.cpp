// Tests of assertion validation: metric and label names against the catalog and the workloads.
#include <gtest/gtest.h>

#include "assertions/assertion_validator.h"
#include "common/error.h"

namespace kmh {
namespace {

const WorkloadSchema bounce_kind = [] {
	WorkloadSchema d;
	d.kind = "pcp_bounce";
	d.metrics = {{"pages", "pages faulted in", {}}, {"latency_ns", "per round", {"cpu"}}};
	return d;
}();

const WorkloadSchema *lookup(const std::string &kind)
{
	return kind == bounce_kind.kind ? &bounce_kind : nullptr;
}

Scenario scenario_with(const std::vector<std::string> &exprs)
{
	Scenario scenario;
	scenario.file = "s.toml";
	scenario.workloads = {{"pcp_bounce", "pcp_bounce", 1, {}, {}, {}}, {"bounce", "pcp_bounce", 1, {}, {}, {}},
			      {"odd", "no_such_kind", 1, {}, {}, {}}};
	scenario.collect.collectors = {"page_alloc", "pcp", "extfrag", "slab"};
	scenario.collect.snapshots = {"pagetypeinfo", "buddyinfo", "meminfo", "vmstat", "slabinfo"};
	int line = 20;
	for (const std::string &expr : exprs)
		scenario.assertions.push_back({expr, expr, "", {"s.toml", line++, 8}});
	return scenario;
}

// The message validate_assertions() throws for these expressions, or "" when they are valid.
std::string problem(const std::vector<std::string> &exprs)
{
	try {
		validate_assertions(scenario_with(exprs), lookup);
	} catch (const Error &error) {
		EXPECT_EQ(error.code(), ExitCode::invalid_input);
		return error.what();
	}
	return "";
}

std::string problem(const std::string &expr)
{
	return problem(std::vector<std::string>{expr});
}

#define EXPECT_CONTAINS(text, part) EXPECT_NE((text).find(part), std::string::npos) << (text)

TEST(AssertionValidator, DocumentedExamplesAreValid)
{
	EXPECT_EQ(problem(std::vector<std::string>{
			  "pcp.drain.events{cpu=1, scope=workload} >= 0.9 * workload.pcp_bounce.pages",
			  "pcp.refill.events{cpu=0, scope=workload} == workload.bounce.pages within 10%",
			  "share(page.alloc.events{scope=workload}, migratetype=MOVABLE) >= 0.95",
			  "extfrag.events{alloc_migratetype=UNMOVABLE, fallback_migratetype!~\"RECLAIMABLE|MOVABLE\"} == 0",
			  "meminfo.SReclaimable.delta >= 64MiB",
			  "count(pcp.drain.events{scope=workload}) > 0",
			  "max(workload.bounce.latency_ns{cpu=1}) < 1e6",
			  "vmstat.pgfault.delta > 0",
		  }),
		  "");
}

TEST(AssertionValidator, UnknownMetricWithSuggestionAndFullLocation)
{
	EXPECT_EQ(problem(std::vector<std::string>{"pcp.drain.events > 0", "1 + pcp.drian.events > 0"}),
		  "s.toml:21:8: [[assert]] #2: unknown metric 'pcp.drian.events'; did you mean 'pcp.drain.events'? "
		  "(column 5 of the expression)");
}

TEST(AssertionValidator, UnknownMetricWithoutCloseNameListsTheAcceptedOnes)
{
	std::string message = problem("frobnication.count > 0");
	EXPECT_CONTAINS(message, "unknown metric 'frobnication.count'; accepted");
	EXPECT_CONTAINS(message, "'page.alloc.events'");
	EXPECT_CONTAINS(message, "'workload.bounce.pages'");
	EXPECT_CONTAINS(message, "'meminfo.<field>.before|after|delta'");
	EXPECT_EQ(message.find("did you mean"), std::string::npos) << message;
}

TEST(AssertionValidator, MisspelledWorkloadMetricIsSuggestedAmongAllNames)
{
	EXPECT_CONTAINS(problem("workload_bounce.pages > 0"), "did you mean 'workload.bounce.pages'?");
}

TEST(AssertionValidator, KernelKeyedNamesNeedAPhase)
{
	EXPECT_CONTAINS(problem("meminfo.SReclaimable > 0"),
			"'meminfo.SReclaimable' is not a meminfo name; write meminfo.<field>.before, .after or .delta");
}

TEST(AssertionValidator, KernelKeyedNamesTakeNoLabels)
{
	std::string message = problem("meminfo.SReclaimable.delta{node=0} > 0");
	EXPECT_CONTAINS(message, "'meminfo.SReclaimable.delta' takes no labels");
	EXPECT_CONTAINS(message, "(column 28 of the expression)");
}

TEST(AssertionValidator, UnknownLabel)
{
	std::string message = problem("pcp.drain.events{cpus=1} > 0");
	EXPECT_CONTAINS(message, "s.toml:20:8: [[assert]] #1: 'pcp.drain.events' has no label 'cpus'; did you mean 'cpu'?");
	EXPECT_CONTAINS(message, "(column 18 of the expression)");
	EXPECT_CONTAINS(problem("slab.kmalloc.events{zzzzzz=1} > 0"), "its labels are 'cpu', 'scope', 'context'");
}

TEST(AssertionValidator, ShareTermLabelIsChecked)
{
	EXPECT_CONTAINS(problem("share(page.alloc.events, migrattype=MOVABLE) > 0.5"), "did you mean 'migratetype'?");
}

TEST(AssertionValidator, CollectorLabelValuesAreChecked)
{
	EXPECT_CONTAINS(problem("page.alloc.events{migratetype=MOVEABLE} > 0"),
			"'MOVEABLE' is not a value of label 'migratetype'; did you mean 'MOVABLE'?");
	EXPECT_CONTAINS(problem("page.alloc.events{scope=all} > 0"), "accepted: 'workload', 'system'");
	EXPECT_EQ(problem("page.alloc.events{migratetype=~\"MOVE.*\"} >= 0"), "");
}

TEST(AssertionValidator, ContextLabelOfTheKmemFamilies)
{
	EXPECT_EQ(problem("slab.kfree.events{scope=workload, context=task} == 0"), "");
	EXPECT_EQ(problem("pcp.drain.events{context=softirq} + extfrag.events{context=\"hardirq\"} >= 0"), "");
	EXPECT_CONTAINS(problem("page.free.events{context=irq} > 0"),
			"'irq' is not a value of label 'context'; accepted: 'task', 'softirq', 'hardirq', 'nmi'");
	EXPECT_CONTAINS(problem("slab.kmalloc.duplicate_events{context=tsk} > 0"), "did you mean 'task'?");
}

TEST(AssertionValidator, UnknownWorkloadName)
{
	std::string message = problem("workload.bounse.pages > 0");
	EXPECT_CONTAINS(message, "no [[workload]] named 'bounse' in this scenario; did you mean 'bounce'?");
	EXPECT_CONTAINS(message, "(column 10 of the expression)");
	EXPECT_CONTAINS(problem("workload.zzz.pages > 0"), "this scenario's workloads are 'pcp_bounce', 'bounce', 'odd'");
}

TEST(AssertionValidator, WorkloadMetricMustBeDeclaredByItsKind)
{
	std::string message = problem("workload.bounce.pagse > 0");
	EXPECT_CONTAINS(message, "workload 'bounce' (kind pcp_bounce) reports no metric 'pagse'; did you mean 'pages'?");
	EXPECT_CONTAINS(message, "(column 17 of the expression)");
	EXPECT_CONTAINS(problem("workload.bounce.rounds > 0"), "it reports 'pages', 'latency_ns'");
	EXPECT_CONTAINS(problem("workload.bounce > 0"), "'workload.bounce' names no metric");
}

TEST(AssertionValidator, WorkloadMetricLabels)
{
	EXPECT_EQ(problem("workload.bounce.latency_ns{cpu=1} > 0"), "");
	EXPECT_CONTAINS(problem("workload.bounce.latency_ns{node=1} > 0"), "its labels are 'cpu'");
	EXPECT_CONTAINS(problem("workload.bounce.pages{cpu=1} > 0"), "'workload.bounce.pages' takes no labels");
}

TEST(AssertionValidator, UnregisteredWorkloadKind)
{
	EXPECT_CONTAINS(problem("workload.odd.pages > 0"), "workload 'odd' is of kind 'no_such_kind'");
}

TEST(AssertionValidator, SyntaxErrorsCarryTheirColumn)
{
	EXPECT_EQ(problem("pcp.drain.events >"),
		  "s.toml:20:8: [[assert]] #1: expected a number, a metric, a function call or '(' but found the end "
		  "of the expression (column 19 of the expression)");
}

TEST(AssertionValidator, MetricOfACollectorSwitchedOffIsAnError)
{
	Scenario scenario = scenario_with({"pcp.drain.events > 0"});
	scenario.collect.collectors = {"page_alloc"};
	try {
		validate_assertions(scenario, lookup);
		FAIL() << "a metric whose collector is off must not validate";
	} catch (const Error &error) {
		EXPECT_NE(std::string(error.what()).find("comes from 'pcp', which [collect] does not enable"),
			  std::string::npos)
			<< error.what();
	}
}

}  // namespace
}  // namespace kmh

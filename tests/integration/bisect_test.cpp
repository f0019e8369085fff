// git bisect run over a throw-away repository whose commits set a sysctl: it must land on the commit that broke the assertion.
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "kmemharness_run.h"
#include "program_gap.h"
#include "scratch_dir.h"

namespace kmh::integration {
namespace {

// bounce_small with the per-CPU list size as the commit's "change": at fraction 8192 the lists
// hold a few hundred pages, so CPU 1 drains almost every bounced page (196,023 of 196,608 on
// 2026-12-02); at 0 (auto-tuned) tens of thousands stay on the list (168,245). The assertion
// sits between the two. A sysctl that does not exist makes the run exit 3: no verdict, skip.
std::string scenario_text(const std::string &sysctl, const std::string &value)
{
	return "[scenario]\nname = \"bisect_bounce\"\ntimeout = \"60s\"\n"
	       "[requires]\ncpus = 2\nroot = true\nfeatures = [\"btf\", \"cgroup2\"]\n"
	       "tracepoints = [\"kmem/mm_page_pcpu_drain\"]\n"
	       "[sysctl]\n\"" + sysctl + "\" = " + value + "\n"
	       "[[workload]]\nkind = \"pcp_bounce\"\nname = \"bounce\"\nbytes = \"256MiB\"\nrounds = 3\n"
	       "alloc_cpu = 0\nfree_cpu = 1\nthp = false\nwarm_up = false\n"
	       "[collect]\ncollectors = [\"page_alloc\", \"pcp\"]\nsnapshots = []\n"
	       "[[assert]]\nname = \"CPU 1 drains what it frees\"\n"
	       "expr = \"pcp.drain.events{cpu=1, scope=workload} >= 0.95 * workload.bounce.pages\"\n";
}

ProcessOutcome git(const std::filesystem::path &repo, const std::vector<std::string> &args)
{
	std::vector<std::string> argv = {"git", "-C", repo.string(), "-c", "user.name=kmh", "-c", "user.email=kmh@localhost"};
	argv.insert(argv.end(), args.begin(), args.end());
	return run_process(argv, std::chrono::seconds(300));
}

std::string commit(const std::filesystem::path &repo, const std::string &sysctl, const std::string &value)
{
	std::ofstream(repo / "scenario.toml") << scenario_text(sysctl, value);
	git(repo, {"add", "scenario.toml"});
	git(repo, {"commit", "-q", "-m", sysctl + "=" + value});
	std::string head = git(repo, {"rev-parse", "HEAD"}).out;
	return head.substr(0, head.find('\n'));
}

TEST(GitBisectRun, LandsOnTheCommitThatBrokeTheAssertionSkippingOneWithoutAVerdict)
{
	KMH_SKIP_OR_FAIL_IF(program_gap("git"));
	ScratchDir scratch;
	std::filesystem::path repo = scratch / "repo";
	std::filesystem::create_directories(repo);
	ASSERT_EQ(git(repo, {"init", "-q"}).exit_code, 0);
	const std::string fraction = "vm.percpu_pagelist_high_fraction";
	std::string first = commit(repo, fraction, "8192");
	commit(repo, fraction, "8192");
	commit(repo, "vm.no_such_knob", "1");
	commit(repo, fraction, "8192");
	std::string culprit = commit(repo, fraction, "0");
	std::string last = commit(repo, fraction, "0");
	ProcessOutcome good = run_kmemharness({"run", "--quiet", "--output", scratch / "good", (repo / "scenario.toml").string()});
	KMH_SKIP_OR_FAIL_IF(environment_gap(good));
	ASSERT_EQ(git(repo, {"bisect", "start", last, first}).exit_code, 0);
	std::string step = "exec '" + kmemharness_binary() + "' --bisect run --quiet --output '" + scratch / "runs" +
			   "'/$(git rev-parse --short HEAD) scenario.toml";
	ProcessOutcome bisect = git(repo, {"bisect", "run", "sh", "-c", step});
	EXPECT_EQ(bisect.exit_code, 0) << describe(bisect);
	EXPECT_NE(bisect.out.find(culprit + " is the first bad commit"), std::string::npos) << describe(bisect);
}

}  // namespace
}  // namespace kmh::integration

// SIGINT during a run: exit 4, a partial result.json, and no cgroup or BPF link left behind.
#include <signal.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "kmemharness_run.h"
#include "program_gap.h"
#include "result_file.h"
#include "scratch_dir.h"
#include "system/cgroup_mounts.h"

namespace kmh::integration {
namespace {

using namespace std::chrono_literals;

// The BPF links a process holds, from the "link_id:" lines of /proc/<pid>/fdinfo.
std::set<long> bpf_links_held_by(pid_t pid)
{
	std::set<long> links;
	std::error_code error;
	for (const auto &entry : std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fdinfo", error)) {
		std::ifstream in(entry.path());
		for (std::string line; std::getline(in, line);)
			if (line.rfind("link_id:", 0) == 0)
				links.insert(std::stol(line.substr(8)));
	}
	return links;
}

// Every BPF link id on the machine, listed by bpftool, into `links`; returns why it could not list them.
std::optional<std::string> list_bpf_links(std::set<long> &links)
{
	if (std::optional<std::string> gap = program_gap("bpftool"))
		return gap;
	ProcessOutcome listing = run_process({"bpftool", "--json", "link", "list"}, 10s);
	if (listing.exit_code != 0)
		return "bpftool link list failed: " + listing.err;
	links.clear();
	for (const nlohmann::json &link : nlohmann::json::parse(listing.out))
		links.insert(link.at("id").get<long>());
	return std::nullopt;
}

// Which of `ours` are still attached once the kernel had up to 2 s to release them, into `left`.
std::optional<std::string> links_left_behind(const std::set<long> &ours, std::set<long> &left)
{
	for (auto waited = 0ms; waited <= 2000ms; waited += 100ms) {
		std::set<long> attached;
		if (std::optional<std::string> gap = list_bpf_links(attached))
			return gap;
		left.clear();
		std::ranges::set_intersection(ours, attached, std::inserter(left, left.end()));
		if (left.empty())
			break;
		std::this_thread::sleep_for(100ms);
	}
	return std::nullopt;
}

// Starts the long bounce, waits until its collectors are attached and ~1.5 s have passed, sends SIGINT.
struct InterruptedRun {
	ProcessOutcome outcome;
	pid_t pid = 0;
	std::set<long> links;
};

InterruptedRun interrupt_long_bounce(const std::string &output)
{
	InterruptedRun run;
	ChildProcess child({kmemharness_binary(), "run", test_scenario("bounce_long.toml"), "--output", output});
	run.pid = child.pid();
	auto started = std::chrono::steady_clock::now();
	auto elapsed = [&] { return std::chrono::steady_clock::now() - started; };
	while (child.output_open() && (elapsed() < 1500ms || (run.links.empty() && elapsed() < 15s))) {
		child.pump_output_for(50ms);
		std::set<long> held = bpf_links_held_by(run.pid);
		run.links.insert(held.begin(), held.end());
	}
	child.send_signal(SIGINT);
	run.outcome = child.wait(30s);
	return run;
}

TEST(Interruption, SigintExits4WritesPartialResultAndCleansUp)
{
	ScratchDir scratch;
	std::string output = scratch / "out";
	InterruptedRun run = interrupt_long_bounce(output);
	KMH_SKIP_OR_FAIL_IF(environment_gap(run.outcome));
	ASSERT_FALSE(run.outcome.timed_out) << describe(run.outcome);
	EXPECT_EQ(run.outcome.exit_code, exit_status::run_failed) << describe(run.outcome);
	EXPECT_LT(run.outcome.seconds, 10) << "kmemharness took long to stop after SIGINT";
	EXPECT_FALSE(run.links.empty()) << "kmemharness held no BPF link while it ran";

	ResultFile result(output + "/result.json");
	EXPECT_EQ(result.json().at("complete"), false);
	EXPECT_EQ(result.json().at("status"), "interrupted");
	EXPECT_EQ(result.json().at("exit_code"), exit_status::run_failed);
	EXPECT_NE(result.json().at("errors").dump().find("interrupted"), std::string::npos) << result.json().at("errors");
	EXPECT_GT(result.sum("pcp.refill.events", {{"scope", "workload"}}), 0);
	EXPECT_GT(result.sum("pcp.drain.events", {{"scope", "workload"}}), 0);

	std::string mount = find_cgroup2_mount();
	ASSERT_FALSE(mount.empty()) << "no cgroup2 mount in /proc/self/mounts";
	std::string cgroup = mount + "/kmemharness." + std::to_string(run.pid);
	EXPECT_EQ(result.json().at("attribution").at("cgroup_path"), cgroup);
	EXPECT_FALSE(std::filesystem::exists(cgroup)) << cgroup << " was left behind";
	EXPECT_FALSE(std::filesystem::exists("/var/tmp/kmemharness." + std::to_string(run.pid)));

	std::set<long> left;
	KMH_SKIP_OR_FAIL_IF(links_left_behind(run.links, left));
	EXPECT_TRUE(left.empty()) << left.size() << " BPF link(s) of the interrupted run are still attached, first id "
				  << (left.empty() ? 0 : *left.begin());
}

}  // namespace
}  // namespace kmh::integration

// Tests of result.json: field layout, integer formatting, reading back and rejection of bad input.
#include "report/result_json.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include <gtest/gtest.h>

#include "common/error.h"
#include "system/file_io.h"

namespace kmh {
namespace {

RunResult sample_result()
{
	RunResult result;
	result.tool_version = "0.1.0";
	result.status = "failed";
	result.complete = true;
	result.exit_code = ExitCode::assertion_failed;
	result.started_at = "2025-01-02T03:04:05Z";
	result.finished_at = "2025-01-02T03:04:07Z";
	result.scenario = {"pcp_refill_drain", "fault on CPU 0, unmap on CPU 1", "scenarios/pcp.toml",
			   "name = \"pcp_refill_drain\"\n", "ab12"};
	result.system = {"6.18.0", "#1 SMP", "console=ttyS0", "x86_64", 2, "Intel Xeon", 25769803776, "builder"};
	result.attribution = {"cgroup", "/sys/fs/cgroup/unified/kmh-1", 4242};
	result.collectors = {{"pcp", "tp_btf", {"tp_btf/mm_page_pcpu_drain", "tp_btf/mm_page_alloc_zone_locked"}, ""}};
	result.workloads = {
		{"fault", "fault_pages", 1, {0}, {{"size", 268435456}}, "ok", "", 1.7,
		 {{"workload.fault.pages", {}, 65536}}},
		{"unmap", "unmap_remote", 2, {1}, nlohmann::json::object(), "failed", "exit status 3", 0.25, {}},
	};
	result.metrics.add("pcp.refill.events", {{"cpu", "0"}, {"scope", "workload"}}, 525609);
	result.metrics.add("pcp.drain.events", {{"cpu", "1"}, {"scope", "workload"}}, 525587);
	result.metrics.add("slab.kmalloc.bytes_req", {{"cpu", "0"}, {"scope", "system"}}, 0.5);
	result.assertions = {
		{"refill_on_cpu0", "pcp.refill.events{cpu=0} >= 0.9 * 524288", "", 525609, 471859.2, ">= 471859.2", "",
		 Verdict::pass, {"scenarios/pcp.toml", 20, 3}},
		{"no_drain_cpu0", "pcp.drain.events{cpu=0} == 0", "drains belong to CPU 1", 3, 0, "== 0", "3 series summed",
		 Verdict::fail, {"scenarios/pcp.toml", 24, 3}},
		{"broken", "extfrag.events > 0", "", std::numeric_limits<double>::quiet_NaN(), 0, "> 0",
		 "extfrag.events was not collected", Verdict::error, {"scenarios/pcp.toml", 28, 3}},
	};
	result.timings = {{"setup", 0.5}, {"attach", 0.25}, {"workloads", 1.75}, {"report", 0.01}};
	result.errors = {"workload unmap failed: exit status 3"};
	return result;
}

nlohmann::json written_and_parsed(const RunResult &result)
{
	return nlohmann::json::parse(result_to_json(result).dump(2));
}

TEST(ResultJson, TopLevelFields)
{
	nlohmann::json document = result_to_json(sample_result());

	EXPECT_EQ(document["schema_version"], 1);
	EXPECT_EQ(document["tool"]["name"], "kmemharness");
	EXPECT_EQ(document["tool"]["version"], "0.1.0");
	EXPECT_EQ(document["status"], "failed");
	EXPECT_EQ(document["complete"], true);
	EXPECT_EQ(document["exit_code"], 1);
	EXPECT_EQ(document["started_at"], "2025-01-02T03:04:05Z");
	EXPECT_EQ(document["scenario"]["sha256"], "ab12");
	EXPECT_EQ(document["scenario"]["text"], "name = \"pcp_refill_drain\"\n");
	EXPECT_EQ(document["system"]["cpu_count"], 2);
	EXPECT_EQ(document["system"]["mem_total_bytes"], 25769803776ULL);
	EXPECT_EQ(document["target"], "host");
	EXPECT_EQ(document["attribution"]["cgroup_id"], 4242);
	EXPECT_EQ(document["collectors"][0]["variant"], "tp_btf");
	EXPECT_EQ(document["collectors"][0]["programs"][1], "tp_btf/mm_page_alloc_zone_locked");
	EXPECT_EQ(document["errors"][0], "workload unmap failed: exit status 3");
}

TEST(ResultJson, WorkloadsAndAssertions)
{
	nlohmann::json document = result_to_json(sample_result());

	const nlohmann::json &failed = document["workloads"][1];
	EXPECT_EQ(failed["status"], "failed");
	EXPECT_EQ(failed["error"], "exit status 3");
	EXPECT_EQ(failed["phase"], 2);
	EXPECT_EQ(failed["cpus"], nlohmann::json::array({1}));
	EXPECT_EQ(document["workloads"][0]["options"]["size"], 268435456);
	EXPECT_EQ(document["workloads"][0]["metrics"][0]["name"], "workload.fault.pages");
	EXPECT_TRUE(document["workloads"][0]["metrics"][0]["labels"].is_object());

	const nlohmann::json &failing = document["assertions"][1];
	EXPECT_EQ(failing["verdict"], "fail");
	EXPECT_EQ(failing["message"], "drains belong to CPU 1");
	EXPECT_EQ(failing["expected_text"], "== 0");
	EXPECT_EQ(failing["detail"], "3 series summed");
	EXPECT_EQ(failing["location"], "scenarios/pcp.toml:24:3");
	EXPECT_EQ(document["assertions"][2]["verdict"], "error");
}

TEST(ResultJson, WholeNumbersAreIntegers)
{
	nlohmann::json document = written_and_parsed(sample_result());
	std::string text = result_to_json(sample_result()).dump();

	EXPECT_TRUE(document["metrics"][0]["value"].is_number_integer());
	EXPECT_NE(text.find("\"value\":525609}"), std::string::npos);
	EXPECT_EQ(text.find("525609.0"), std::string::npos);
	EXPECT_TRUE(document["assertions"][0]["observed"].is_number_integer());
	EXPECT_TRUE(document["assertions"][0]["expected"].is_number_float());
	EXPECT_DOUBLE_EQ(document["assertions"][0]["expected"].get<double>(), 471859.2);
	EXPECT_TRUE(document["metrics"][2]["value"].is_number_float());
	EXPECT_TRUE(document["workloads"][0]["duration_s"].is_number_float());
}

TEST(ResultJson, NotANumberIsNull)
{
	nlohmann::json document = result_to_json(sample_result());

	EXPECT_TRUE(document["assertions"][2]["observed"].is_null());
	EXPECT_TRUE(std::isnan(result_from_json(document).assertions[2].observed));
}

TEST(ResultJson, TimingsAreSecondsByStage)
{
	RunResult result = sample_result();
	result.timings.push_back({"workloads", 0.25});
	nlohmann::json timings = result_to_json(result)["timings"];

	EXPECT_EQ(timings.size(), 4u);
	EXPECT_DOUBLE_EQ(timings["setup"].get<double>(), 0.5);
	EXPECT_EQ(timings["workloads"], 2);
}

TEST(ResultJson, MemoryLimitAndCollectorDetails)
{
	RunResult result = sample_result();
	result.memory_limit = MemoryLimitInfo{256 << 20, std::nullopt, "cgroup1", "/sys/fs/cgroup/memory/kmemharness.7"};
	result.collectors[0].details = {{"kills", nlohmann::json::array({{{"victim_pid", 42}}})}};
	nlohmann::json document = written_and_parsed(result);

	EXPECT_EQ(document["memory_limit"]["memory_max"], 268435456);
	EXPECT_TRUE(document["memory_limit"]["swap_max"].is_null());
	EXPECT_EQ(document["memory_limit"]["mechanism"], "cgroup1");
	EXPECT_EQ(document["memory_limit"]["path"], "/sys/fs/cgroup/memory/kmemharness.7");
	EXPECT_EQ(document["collectors"][0]["details"]["kills"][0]["victim_pid"], 42);
	EXPECT_EQ(result_to_json(result_from_json(document)), document);
}

TEST(ResultJson, NoMemoryLimitIsNullAndDetailsDefaultToAnEmptyObject)
{
	nlohmann::json document = result_to_json(sample_result());

	EXPECT_TRUE(document["memory_limit"].is_null());
	EXPECT_EQ(document["collectors"][0]["details"], nlohmann::json::object());
	EXPECT_FALSE(result_from_json(document).memory_limit.has_value());
}

TEST(ResultJson, RoundTrip)
{
	nlohmann::json original = written_and_parsed(sample_result());
	RunResult read = result_from_json(original);

	EXPECT_EQ(result_to_json(read), original);
	EXPECT_EQ(read.exit_code, ExitCode::assertion_failed);
	EXPECT_EQ(read.system.mem_total_bytes, 25769803776ULL);
	EXPECT_EQ(read.metrics.all().size(), 3u);
	EXPECT_EQ(read.metrics.all()[1].labels.at("cpu"), "1");
	EXPECT_EQ(read.assertions[1].verdict, Verdict::fail);
	EXPECT_EQ(read.assertions[1].where.file, "scenarios/pcp.toml");
	EXPECT_EQ(read.assertions[1].where.line, 24);
	EXPECT_EQ(read.assertions[1].where.column, 3);
	EXPECT_EQ(read.workloads[0].options["size"], 268435456);
	ASSERT_EQ(read.timings.size(), 4u);
	EXPECT_EQ(read.timings[0].stage, "setup");
	EXPECT_EQ(read.timings[1].stage, "attach");
	EXPECT_EQ(read.timings[3].stage, "report");
}

TEST(ResultJson, ReadsLocationWithColonsInThePath)
{
	nlohmann::json document = result_to_json(sample_result());
	document["assertions"][0]["location"] = "C:/odd:name.toml:7:11";

	SourceLocation where = result_from_json(document).assertions[0].where;
	EXPECT_EQ(where.file, "C:/odd:name.toml");
	EXPECT_EQ(where.line, 7);
	EXPECT_EQ(where.column, 11);
}

void expect_invalid(const nlohmann::json &document, const std::string &mentioned)
{
	try {
		result_from_json(document);
		FAIL() << "accepted a document that should mention " << mentioned;
	} catch (const Error &error) {
		EXPECT_EQ(error.code(), ExitCode::invalid_input);
		EXPECT_NE(std::string(error.what()).find(mentioned), std::string::npos) << error.what();
	}
}

TEST(ResultJson, RejectsOtherMajorSchemaVersion)
{
	nlohmann::json document = result_to_json(sample_result());
	document["schema_version"] = 2;

	expect_invalid(document, "schema_version 2");
}

TEST(ResultJson, RejectsDocumentsThatAreNotResults)
{
	expect_invalid(nlohmann::json::array(), "JSON object");
	expect_invalid(nlohmann::json{{"status", "passed"}}, "no schema_version");
	expect_invalid(nlohmann::json{{"schema_version", 1}, {"tool", {{"name", "fio"}}}}, "'fio'");
}

TEST(ResultJson, RejectsWrongTypesNamingTheField)
{
	nlohmann::json bad_value = result_to_json(sample_result());
	bad_value["assertions"][0]["observed"] = "lots";
	expect_invalid(bad_value, "assertions[0].observed must be a number, found string");

	nlohmann::json bad_label = result_to_json(sample_result());
	bad_label["metrics"][1]["labels"]["cpu"] = 1;
	expect_invalid(bad_label, "metrics[1].labels.cpu");

	nlohmann::json bad_verdict = result_to_json(sample_result());
	bad_verdict["assertions"][1]["verdict"] = "maybe";
	expect_invalid(bad_verdict, "'maybe'");

	nlohmann::json bad_exit = result_to_json(sample_result());
	bad_exit["exit_code"] = 9;
	expect_invalid(bad_exit, "exit_code 9");

	nlohmann::json bad_location = result_to_json(sample_result());
	bad_location["assertions"][0]["location"] = "nowhere";
	expect_invalid(bad_location, "file:line:column");
}

TEST(ResultJson, WriteReplacesTheFileAtomically)
{
	std::filesystem::path folder = std::filesystem::path(::testing::TempDir()) / "kmh_result_json_test";
	std::filesystem::create_directories(folder);
	std::string path = (folder / "result.json").string();

	write_file_atomically(path, result_json_text(sample_result()));

	std::ifstream in(path);
	std::stringstream text;
	text << in.rdbuf();
	EXPECT_EQ(nlohmann::json::parse(text.str()), written_and_parsed(sample_result()));
	EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
	std::filesystem::remove_all(folder);
}

TEST(ResultJson, WriteFailureNamesThePath)
{
	std::string path = "/nonexistent-kmh-folder/result.json";
	try {
		write_file_atomically(path, result_json_text(sample_result()));
		FAIL() << "writing into a missing folder succeeded";
	} catch (const Error &error) {
		EXPECT_EQ(error.code(), ExitCode::run_failed);
		EXPECT_NE(std::string(error.what()).find(path), std::string::npos) << error.what();
	}
}

}  // namespace
}  // namespace kmh

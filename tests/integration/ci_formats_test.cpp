// The CI formats of real runs: KTAP (read back by a KTAP parser written here), LAVA lines, and kcidb.json against its schema.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "kmemharness_run.h"
#include "program_gap.h"
#include "result_file.h"
#include "scratch_dir.h"
#include "test_kernel.h"

namespace kmh::integration {
namespace {

using nlohmann::json;

// One KTAP test as read: its result line and the subtests nested above it.
struct KtapTest {
	bool ok = false;
	std::string name;
	std::string directive;  // what follows " # ", e.g. "SKIP no module support"
	std::vector<KtapTest> subtests;
};

// A KTAP v1 reader after Documentation/dev-tools/ktap.rst, strict where kmemharness promises to be:
// every block starts with "KTAP version 1" and a plan, is indented two spaces a level, numbers its
// tests from 1, and holds exactly as many tests as its plan says. Throws naming the line.
class KtapParser {
public:
	explicit KtapParser(const std::string &text)
	{
		std::istringstream in(text);
		for (std::string line; std::getline(in, line);)
			lines_.push_back(line);
	}

	std::vector<KtapTest> parse()
	{
		std::vector<KtapTest> tests = block(0);
		if (at_ < lines_.size())
			fail("text after the last top-level test");
		return tests;
	}

private:
	[[noreturn]] void fail(const std::string &what) const
	{
		throw std::runtime_error("KTAP line " + std::to_string(at_ + 1) + ": " + what + ": '" +
					 (at_ < lines_.size() ? lines_[at_] : "<end>") + "'");
	}

	static std::string indent(int depth) { return std::string(2 * depth, ' '); }

	bool next_is(const std::string &text) const { return at_ < lines_.size() && lines_[at_] == text; }

	std::vector<KtapTest> block(int depth)
	{
		if (!next_is(indent(depth) + "KTAP version 1"))
			fail("expected the version line at depth " + std::to_string(depth));
		at_++;
		std::smatch plan;
		if (at_ >= lines_.size() || !std::regex_match(lines_[at_], plan, std::regex(indent(depth) + "1\\.\\.(\\d+)")))
			fail("expected a plan");
		std::size_t planned = std::stoul(plan[1]);
		at_++;
		std::vector<KtapTest> tests;
		while (tests.size() < planned)
			tests.push_back(test(depth, tests.size() + 1));
		return tests;
	}

	KtapTest test(int depth, std::size_t number)
	{
		while (at_ < lines_.size() && lines_[at_].rfind(indent(depth) + "# ", 0) == 0)
			at_++;  // diagnostic lines
		std::vector<KtapTest> subtests;
		if (next_is(indent(depth + 1) + "KTAP version 1"))
			subtests = block(depth + 1);
		static const std::regex result("(ok|not ok) (\\d+) ([^#]*[^# ])(?: # (.*))?");
		std::smatch match;
		std::string line = at_ < lines_.size() && lines_[at_].rfind(indent(depth), 0) == 0
					   ? lines_[at_].substr(indent(depth).size())
					   : std::string();
		if (!std::regex_match(line, match, result))
			fail("expected result line " + std::to_string(number) + " at depth " + std::to_string(depth));
		if (std::stoul(match[2]) != number)
			fail("expected test number " + std::to_string(number));
		at_++;
		return {match[1] == "ok", match[3], match[4], subtests};
	}

	std::vector<std::string> lines_;
	std::size_t at_ = 0;
};

// Validates `document` against tests/schemas/kcidb.schema.json with python3-jsonschema's checker.
void expect_valid_kcidb(const std::string &document)
{
	ProcessOutcome check = run_process(
		{"jsonschema", "--instance", document, std::string(KMH_SOURCE_DIR) + "/tests/schemas/kcidb.schema.json"},
		std::chrono::seconds(60));
	EXPECT_EQ(check.exit_code, 0) << document << " does not follow the KCIDB schema:\n" << check.out << check.err;
}

json read_json(const std::string &path)
{
	return ResultFile(path).json();
}

// What the harness promises in KTAP for one run: a subtest per assertion, ok exactly when it passed.
void expect_scenario_test(const KtapTest &test, const json &result)
{
	SCOPED_TRACE(test.name);
	EXPECT_EQ(test.name, result["scenario"]["name"]);
	const json &assertions = result["assertions"];
	if (result["exit_code"] == exit_status::environment) {
		EXPECT_TRUE(test.ok);
		EXPECT_EQ(test.directive.rfind("SKIP ", 0), 0u) << "a skip says why: '" << test.directive << "'";
		EXPECT_TRUE(test.subtests.empty());
		return;
	}
	EXPECT_EQ(test.ok, result["exit_code"] == exit_status::passed);
	ASSERT_EQ(test.subtests.size(), assertions.size());
	for (std::size_t i = 0; i < assertions.size(); i++) {
		EXPECT_EQ(test.subtests[i].name, assertions[i]["name"]);
		EXPECT_EQ(test.subtests[i].ok, assertions[i]["verdict"] == "pass") << test.subtests[i].name;
	}
}

// Every test of the document: its id starts with the origin, its path is kmemharness.<scenario>[.<assertion>],
// and each assertion of every result appears once with its verdict as status and its observed value as number.
void expect_tests_of(const json &document, const std::string &origin, const std::vector<json> &results)
{
	std::set<std::string> ids;
	for (const json &test : document["tests"]) {
		EXPECT_EQ(test["id"].get<std::string>().rfind(origin + ":", 0), 0u) << test["id"];
		EXPECT_TRUE(ids.insert(test["id"]).second) << "id twice: " << test["id"];
	}
	std::size_t expected = 0;
	for (const json &result : results)
		expected += 1 + result["assertions"].size();
	EXPECT_EQ(document["tests"].size(), expected);
	for (const json &test : document["tests"]) {
		std::string path = test["path"];
		ASSERT_EQ(path.rfind("kmemharness.", 0), 0u) << path;
		if (test.contains("number")) {
			EXPECT_TRUE(test["number"]["value"].is_number()) << path;
		}
	}
	static const std::map<std::string, std::string> status_of_verdict = {{"pass", "PASS"}, {"fail", "FAIL"}, {"error", "ERROR"}};
	for (const json &result : results)
		for (const json &assertion : result["assertions"]) {
			bool found = false;
			for (const json &test : document["tests"])
				if (test["misc"].value("expr", "") == assertion["expr"] &&
				    test["misc"].value("location", "") == assertion["location"]) {
					found = true;
					EXPECT_EQ(test["status"], status_of_verdict.at(assertion["verdict"])) << test["path"];
					if (assertion["observed"].is_number()) {
						EXPECT_DOUBLE_EQ(test["number"]["value"].get<double>(), assertion["observed"].get<double>());
					}
				}
			EXPECT_TRUE(found) << "no KCIDB test for assertion " << assertion["name"];
		}
}

struct LavaCase {
	std::string name;
	std::string result;
	std::optional<double> measurement;
};

// The lava-test-case lines of the text; comment lines are allowed, anything else fails.
std::vector<LavaCase> lava_cases(const std::string &text)
{
	static const std::regex line_format(
		"lava-test-case ([A-Za-z0-9_.-]+) --result (pass|fail|skip)(?: --measurement (-?[0-9.]+(?:e[-+]?[0-9]+)?))?(?: --units ([A-Za-z0-9_/.-]+))?");
	std::vector<LavaCase> cases;
	std::istringstream in(text);
	for (std::string line; std::getline(in, line);) {
		if (line.rfind("# ", 0) == 0)
			continue;
		std::smatch match;
		EXPECT_TRUE(std::regex_match(line, match, line_format)) << "not a LAVA test case line: '" << line << "'";
		if (match.empty())
			continue;
		LavaCase entry{match[1], match[2], std::nullopt};
		if (match[3].matched)
			entry.measurement = std::stod(match[3]);
		cases.push_back(entry);
	}
	return cases;
}

void expect_lava_lines(const std::vector<LavaCase> &cases, const std::string &scenario, const json &result)
{
	std::map<std::string, LavaCase> by_name;
	for (const LavaCase &entry : cases)
		EXPECT_TRUE(by_name.emplace(entry.name, entry).second) << "test case named twice: " << entry.name;
	ASSERT_TRUE(by_name.count(scenario)) << scenario;
	int code = result["exit_code"];
	EXPECT_EQ(by_name.at(scenario).result, code == 0 ? "pass" : code == exit_status::environment ? "skip" : "fail");
	for (const json &assertion : result["assertions"]) {
		bool found = false;
		for (const LavaCase &entry : cases) {
			if (entry.name.rfind(scenario + ".", 0) != 0 || !entry.measurement || !assertion["observed"].is_number())
				continue;
			double observed = assertion["observed"];
			if (std::abs(*entry.measurement - observed) > 1e-12 * std::max(1.0, std::abs(observed)))
				continue;  // printed with 15 significant digits
			found = true;
			EXPECT_EQ(entry.result, assertion["verdict"] == "pass" ? "pass" : "fail") << entry.name;
		}
		EXPECT_TRUE(found) << "no LAVA test case with the observed value of " << assertion["name"];
	}
}

TEST(CiFormats, RunPrintsKtapAndWritesKcidbThatTheSchemaAccepts)
{
	KMH_SKIP_OR_FAIL_IF(program_gap("jsonschema"));
	ScratchDir scratch;
	ProcessOutcome run = run_kmemharness({"run", shipped_scenario("pcpu_bounce.toml"), "--output", scratch / "out",
					      "--ktap", "--kcidb-origin", "test_lab"});
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	ASSERT_LE(run.exit_code, exit_status::assertion_failed) << describe(run);
	json result = read_json(scratch / "out/result.json");

	std::vector<KtapTest> tests;
	ASSERT_NO_THROW(tests = KtapParser(run.out).parse()) << run.out;
	ASSERT_EQ(tests.size(), 1u) << run.out;
	expect_scenario_test(tests[0], result);

	expect_valid_kcidb(scratch / "out/kcidb.json");
	json document = read_json(scratch / "out/kcidb.json");
	EXPECT_EQ(document["version"]["major"], 5);
	ASSERT_EQ(document["checkouts"].size(), 1u);
	ASSERT_EQ(document["builds"].size(), 1u);
	EXPECT_EQ(document["builds"][0]["misc"]["kernel_release"], result["system"]["kernel_release"]);
	expect_tests_of(document, "test_lab", {result});
	const json &scenario_test = document["tests"][0];
	EXPECT_EQ(scenario_test["path"], "kmemharness.pcpu_bounce");
	EXPECT_EQ(scenario_test["misc"]["scenario_sha256"], result["scenario"]["sha256"]);
	EXPECT_EQ(scenario_test["output_files"][0]["name"], "result.json");
	EXPECT_EQ(scenario_test["misc"]["collectors"].size(), result["collectors"].size());
}

TEST(CiFormats, RunPrintsLavaTestCasesForEveryAssertion)
{
	ScratchDir scratch;
	ProcessOutcome run =
		run_kmemharness({"run", test_scenario("failing_assertion.toml"), "--output", scratch / "out", "--lava"});
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	ASSERT_EQ(run.exit_code, exit_status::assertion_failed) << describe(run);
	json result = read_json(scratch / "out/result.json");
	std::vector<LavaCase> cases = lava_cases(run.out);
	EXPECT_EQ(cases.size(), 1 + result["assertions"].size()) << run.out;
	expect_lava_lines(cases, "failing_assertion", result);
	EXPECT_NE(run.out.find(" --units events"), std::string::npos) << "pcp.drain.events is counted in events: " << run.out;
}

// The matrix's cells: one that passes, one that fails, two this host skips (a missing program; a
// kernel module on a kernel without module support: the shipped kmalloc_burst).
std::vector<std::string> matrix_arguments(const ScratchDir &scratch, const std::string &folder, const std::string &format)
{
	std::vector<std::string> arguments = {"matrix", "--kernel", "host", "--output", scratch / folder, format,
					      "--kcidb-origin", "test_lab", test_scenario("tap_two_assertions.toml"),
					      test_scenario("failing_assertion.toml"), test_scenario("missing_command.toml"),
					      shipped_scenario("kmalloc_burst.toml")};
	return arguments;
}

std::vector<json> cell_results(const json &matrix, const std::string &folder)
{
	std::vector<json> results;
	for (const json &cell : matrix["cells"])
		results.push_back(read_json(folder + "/" + cell["result"].get<std::string>()));
	return results;
}

TEST(CiFormats, MatrixNestsKtapPerKernelScenarioAndAssertionAndWritesOneKcidbDocument)
{
	KMH_SKIP_OR_FAIL_IF(program_gap("jsonschema"));
	ScratchDir scratch;
	ProcessOutcome run = run_kmemharness(matrix_arguments(scratch, "grid", "--ktap"), std::chrono::seconds(120));
	ASSERT_EQ(run.exit_code, exit_status::assertion_failed) << "the worst cell fails: " << describe(run);
	json matrix = read_json(scratch / "grid/matrix.json");
	std::vector<json> results = cell_results(matrix, scratch / "grid");
	ASSERT_EQ(results.size(), 4u);
	KMH_SKIP_OR_FAIL_IF(results[0]["exit_code"] == exit_status::environment
				    ? std::optional<std::string>(results[0]["errors"].dump())
				    : std::nullopt);

	std::vector<KtapTest> kernels;
	ASSERT_NO_THROW(kernels = KtapParser(run.out).parse()) << run.out;
	ASSERT_EQ(kernels.size(), 1u);
	EXPECT_FALSE(kernels[0].ok) << "a failed scenario fails its kernel";
	ASSERT_EQ(kernels[0].subtests.size(), 4u) << run.out;
	for (std::size_t s = 0; s < 4; s++)
		expect_scenario_test(kernels[0].subtests[s], results[s]);
	EXPECT_EQ(results[2]["exit_code"], exit_status::environment);

	expect_valid_kcidb(scratch / "grid/kcidb.json");
	json document = read_json(scratch / "grid/kcidb.json");
	EXPECT_EQ(document["builds"].size(), 1u);
	expect_tests_of(document, "test_lab", results);
	std::string first_cell = scratch / "grid" + "/" + matrix["cells"][0]["result"].get<std::string>();
	json cell_document = read_json(first_cell.substr(0, first_cell.rfind('/')) + "/kcidb.json");
	expect_tests_of(cell_document, "test_lab", {results[0]});  // each cell's own, with the matrix's origin
}

TEST(CiFormats, MatrixPrintsLavaTestCasesOfEveryCell)
{
	ScratchDir scratch;
	ProcessOutcome run = run_kmemharness(matrix_arguments(scratch, "grid", "--lava"), std::chrono::seconds(120));
	ASSERT_EQ(run.exit_code, exit_status::assertion_failed) << describe(run);
	json matrix = read_json(scratch / "grid/matrix.json");
	std::vector<json> results = cell_results(matrix, scratch / "grid");
	std::vector<LavaCase> cases = lava_cases(run.out);
	std::string kernel = std::regex_replace(matrix["kernels"][0]["folder"].get<std::string>(), std::regex("[^A-Za-z0-9_-]+"), "_");
	for (std::size_t s = 0; s < results.size(); s++) {
		std::string slug = matrix["scenarios"][s]["folder"];
		expect_lava_lines(cases, kernel + "." + slug, results[s]);
	}
}

// A guest kernel beside the host: a checkout and a build per kernel, each cell's tests under its own.
TEST(CiFormats, MatrixWithAGuestKernelHasACheckoutAndABuildPerKernel)
{
	KMH_SKIP_OR_FAIL_IF(program_gap("jsonschema"));
	TestKernel kernel = test_kernel(generic_6_1);
	KMH_SKIP_OR_FAIL_IF(kernel.gap);
	ScratchDir scratch;
	ProcessOutcome run = run_kmemharness({"matrix", "--kernel", kernel.image, "--kernel", "host", "--accel", "tcg",
					      "--output", scratch / "grid", "--ktap", test_scenario("tap_two_assertions.toml")},
					     std::chrono::seconds(110));
	ASSERT_EQ(run.exit_code, exit_status::passed) << describe(run);
	json matrix = read_json(scratch / "grid/matrix.json");
	std::vector<json> results = cell_results(matrix, scratch / "grid");
	ASSERT_EQ(results.size(), 2u);

	std::vector<KtapTest> kernels;
	ASSERT_NO_THROW(kernels = KtapParser(run.out).parse()) << run.out;
	ASSERT_EQ(kernels.size(), 2u) << run.out;
	for (std::size_t k = 0; k < 2; k++) {
		EXPECT_TRUE(kernels[k].ok);
		ASSERT_EQ(kernels[k].subtests.size(), 1u);
		expect_scenario_test(kernels[k].subtests[0], results[k]);
	}

	expect_valid_kcidb(scratch / "grid/kcidb.json");
	json document = read_json(scratch / "grid/kcidb.json");
	ASSERT_EQ(document["checkouts"].size(), 2u);
	ASSERT_EQ(document["builds"].size(), 2u);
	EXPECT_EQ(document["builds"][0]["misc"]["kernel_image"], kernel.image);
	EXPECT_EQ(document["builds"][0]["misc"]["kernel_release"], results[0]["system"]["kernel_release"]);
	EXPECT_EQ(document["builds"][1]["misc"]["kernel_image"], "");
	EXPECT_NE(document["builds"][0]["id"], document["builds"][1]["id"]);
	expect_tests_of(document, "kmemharness", results);  // the default origin
	for (const json &test : document["tests"])
		EXPECT_EQ(test["build_id"], document["builds"][test["misc"]["kernel_release"] == results[0]["system"]["kernel_release"] ? 0 : 1]["id"])
			<< test["path"];
}

// ci/lava/run-matrix.sh, the LAVA definition's run step, with a stand-in for LAVA's lava-test-case
// helper that records its arguments: every line the matrix printed reaches it, then the exit case.
TEST(CiFormats, LavaDefinitionReportsEveryTestCaseAndTheExitCode)
{
	ScratchDir scratch;
	std::filesystem::create_directories(scratch / "bin");
	{
		std::ofstream helper(scratch / "bin/lava-test-case");
		helper << "#!/bin/sh\necho \"$*\" >> " << scratch / "recorded" << "\n";
	}
	std::filesystem::permissions(scratch / "bin/lava-test-case", std::filesystem::perms::owner_all);
	ProcessOutcome run = run_process(
		{"env", "PATH=" + scratch / "bin" + ":" + std::getenv("PATH"), "KMEMHARNESS=" + kmemharness_binary(),
		 "OUTPUT=" + scratch / "grid", "SCENARIOS=" + test_scenario("tap_two_assertions.toml") + " " +
						     test_scenario("missing_command.toml"),
		 "sh", std::string(KMH_SOURCE_DIR) + "/ci/lava/run-matrix.sh"},
		std::chrono::seconds(120));
	ASSERT_EQ(run.exit_code, 0) << describe(run);
	json matrix = read_json(scratch / "grid/matrix.json");
	KMH_SKIP_OR_FAIL_IF(matrix["cells"][0]["exit_code"] == exit_status::environment
				    ? std::optional<std::string>(matrix["cells"][0]["details"].dump())
				    : std::nullopt);
	std::ifstream recorded(scratch / "recorded");
	std::vector<std::string> calls;
	for (std::string line; std::getline(recorded, line);)
		calls.push_back(line);
	std::vector<std::string> printed;  // what the script's `cat` showed of kmemharness's lines
	std::istringstream out(run.out);
	for (std::string line; std::getline(out, line);)
		if (line.rfind("lava-test-case ", 0) == 0)
			printed.push_back(line.substr(std::string("lava-test-case ").size()));
	ASSERT_EQ(printed.size(), 1 + 2 + 1u) << "two scenarios, two assertions: " << run.out;
	printed.push_back("kmemharness-exit --result skip --measurement 3 --units exit_code");  // the worst cell skipped
	EXPECT_EQ(calls, printed);
}

}  // namespace
}  // namespace kmh::integration

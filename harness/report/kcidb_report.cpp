// Building KCIDB checkouts, builds and tests from a run's result.
#include "report/kcidb_report.h"

#include <cctype>
#include <cmath>
#include <filesystem>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "assertions/observed_unit.h"
#include "report/test_names.h"

namespace kmh {

namespace {

using nlohmann::json;

constexpr std::size_t log_excerpt_limit = 16384;  // the schema's maxLength

std::string excerpt(const std::string &text)
{
	return text.substr(0, log_excerpt_limit);
}

// file:// and the absolute path, every byte outside RFC 3986's unreserved set and '/' escaped.
std::string file_url(const std::string &path)
{
	std::string absolute = std::filesystem::absolute(path).lexically_normal().string();
	std::string url = "file://";
	for (unsigned char c : absolute) {
		bool plain = std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~';
		url += plain ? std::string(1, static_cast<char>(c)) : fmt::format("%{:02X}", c);
	}
	return url;
}

const char *scenario_status(const RunResult &result)
{
	switch (result.exit_code) {
	case ExitCode::passed:
		return "PASS";
	case ExitCode::assertion_failed:
	case ExitCode::kernel_crashed:  // the kernel under test is faulty
		return "FAIL";
	case ExitCode::environment:
		return "SKIP";
	case ExitCode::invalid_input:
	case ExitCode::run_failed:
		break;
	}
	return "ERROR";
}

const char *assertion_status(Verdict verdict)
{
	switch (verdict) {
	case Verdict::pass:
		return "PASS";
	case Verdict::fail:
		return "FAIL";
	case Verdict::error:
		break;
	}
	return "ERROR";
}

// KCIDB's number: the value, its unit, bytes scaled in binary prefixes. Nothing for NaN.
json observed_number(const AssertionResult &assertion)
{
	json number = { { "value", assertion.observed } };
	std::string unit = observed_unit(assertion.expr);
	if (unit == "bytes") {
		number["unit"] = "B";
		number["prefix"] = "binary";
	} else if (!unit.empty()) {
		number["unit"] = unit;
	}
	return number;
}

json collectors_json(const RunResult &result)
{
	json collectors = json::array();
	for (const CollectorInfo &collector : result.collectors)
		collectors.push_back({ { "name", collector.name }, { "variant", collector.variant } });
	return collectors;
}

json environment_json(const RunResult &result)
{
	return { { "comment", result.system.hostname },
		 { "misc",
		   { { "hostname", result.system.hostname },
		     { "cpu_count", result.system.cpu_count },
		     { "cpu_model", result.system.cpu_model },
		     { "mem_total_bytes", result.system.mem_total_bytes },
		     { "target", result.target } } } };
}

std::string run_reason(const RunResult &result)
{
	return result.errors.empty() ? "run " + result.status : fmt::format("{}", fmt::join(result.errors, "\n"));
}

void add_times(json &object, const std::string &start_time, double seconds)
{
	if (!start_time.empty())
		object["start_time"] = start_time;
	object["duration"] = seconds;
}

json scenario_test(const RunResult &result, const std::string &origin, const std::string &build_id,
		   const std::string &path, const std::string &result_json)
{
	json test = { { "id", build_id + "/" + path },
		      { "build_id", build_id },
		      { "origin", origin },
		      { "path", path },
		      { "status", scenario_status(result) },
		      { "environment", environment_json(result) },
		      { "misc",
			{ { "scenario", result.scenario.name },
			  { "scenario_file", result.scenario.file },
			  { "scenario_sha256", result.scenario.sha256 },
			  { "kernel_release", result.system.kernel_release },
			  { "kernel_version", result.system.kernel_version },
			  { "exit_code", to_int(result.exit_code) },
			  { "run_status", result.status },
			  { "tool_version", result.tool_version },
			  { "collectors", collectors_json(result) },
			  { "result_json", result_json } } } };
	if (!result.scenario.description.empty())
		test["comment"] = result.scenario.description;
	if (result.exit_code != ExitCode::passed && result.exit_code != ExitCode::assertion_failed)
		test["log_excerpt"] = excerpt(run_reason(result));
	if (!result_json.empty())
		test["output_files"] = json::array({ { { "name", "result.json" }, { "url", file_url(result_json) } } });
	add_times(test, result.started_at, total_seconds(result));
	return test;
}

json assertion_test(const AssertionResult &assertion, const json &scenario, const std::string &path)
{
	std::string build_id = scenario["build_id"];
	json test = { { "id", build_id + "/" + path },
		      { "build_id", build_id },
		      { "origin", scenario["origin"] },
		      { "path", path },
		      { "status", assertion_status(assertion.verdict) },
		      { "comment", assertion.name },
		      { "environment", scenario["environment"] },
		      { "misc",
			{ { "expr", assertion.expr },
			  { "expected_text", assertion.expected_text },
			  { "verdict", verdict_name(assertion.verdict) },
			  { "location", assertion.where.to_string() },
			  { "message", assertion.message },
			  { "scenario_sha256", scenario["misc"]["scenario_sha256"] },
			  { "kernel_release", scenario["misc"]["kernel_release"] } } } };
	if (std::isfinite(assertion.observed))
		test["number"] = observed_number(assertion);
	if (assertion.verdict != Verdict::pass)
		test["log_excerpt"] = excerpt(assertion.verdict == Verdict::error
						      ? assertion.detail
						      : fmt::format("observed {:.15g}, expected {}", assertion.observed,
								    assertion.expected_text));
	if (scenario.contains("output_files"))
		test["output_files"] = scenario["output_files"];
	if (scenario.contains("start_time"))
		test["start_time"] = scenario["start_time"];
	return test;
}

}  // namespace

std::string kcidb_id(const std::string &origin, const std::string &key)
{
	return origin + ":" + key;
}

json kcidb_checkout(const std::string &origin, const std::string &key, const RunResult &result)
{
	json checkout = { { "id", kcidb_id(origin, key) },
			  { "origin", origin },
			  { "comment", "Linux " + result.system.kernel_release },
			  { "misc",
			    { { "kernel_release", result.system.kernel_release },
			      { "kernel_version", result.system.kernel_version } } } };
	if (!result.started_at.empty())
		checkout["start_time"] = result.started_at;
	return checkout;
}

json kcidb_build(const std::string &origin, const std::string &key, const RunResult &result)
{
	json build = { { "id", kcidb_id(origin, key) },
		       { "checkout_id", kcidb_id(origin, key) },
		       { "origin", origin },
		       { "comment", "Linux " + result.system.kernel_release },
		       { "misc",
			 { { "kernel_release", result.system.kernel_release },
			   { "kernel_image", result.vm ? result.vm->kernel_image : "" },
			   { "target", result.target } } } };
	if (is_kcidb_name(result.system.machine))
		build["architecture"] = result.system.machine;
	if (!result.started_at.empty())
		build["start_time"] = result.started_at;
	return build;
}

json kcidb_run_tests(const RunResult &result, const std::string &scenario, const std::string &origin,
		     const std::string &build_id, const std::string &result_json)
{
	std::string scenario_path = "kmemharness." + scenario;
	json tests = json::array({ scenario_test(result, origin, build_id, scenario_path, result_json) });
	std::vector<std::string> names = assertion_components(result.assertions);
	for (std::size_t i = 0; i < result.assertions.size(); i++)
		tests.push_back(assertion_test(result.assertions[i], tests.front(), scenario_path + "." + names[i]));
	return tests;
}

std::string kcidb_document_text(const json &checkouts, const json &builds, const json &tests)
{
	json document = { { "version", { { "major", kcidb_major_version }, { "minor", kcidb_minor_version } } },
			  { "checkouts", checkouts },
			  { "builds", builds },
			  { "tests", tests } };
	return document.dump(2) + "\n";
}

std::string kcidb_run_document(const RunResult &result, const RenderContext &context)
{
	const std::string &origin = context.kcidb_origin;
	std::string scenario = path_component(result.scenario.name);
	std::string key = fmt::format("{}/{}/{}", result.system.hostname, result.started_at, scenario);
	std::string result_json =
		context.output_dir.empty() ? "" : (std::filesystem::path(context.output_dir) / "result.json").string();
	return kcidb_document_text(json::array({ kcidb_checkout(origin, key, result) }),
				   json::array({ kcidb_build(origin, key, result) }),
				   kcidb_run_tests(result, scenario, origin, kcidb_id(origin, key), result_json));
}

}  // namespace kmh

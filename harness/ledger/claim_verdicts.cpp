// Each claim's verdict on each kernel of a matrix run, read from the cells' result.json assertions.
#include "ledger/claim_verdicts.h"

#include <cmath>
#include <filesystem>
#include <map>
#include <optional>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "assertions/assertion_evaluator.h"
#include "assertions/assertion_parser.h"
#include "common/error.h"
#include "ledger/ab_claim_verdicts.h"
#include "report/result_json.h"
#include "system/bounded_file.h"

namespace kmh {

namespace {

namespace fs = std::filesystem;

constexpr InputFileKind matrix_file_kind{ "matrix.json", 64 << 20 };
constexpr InputFileKind result_file_kind{ "result.json", 256 << 20 };

nlohmann::json read_json(const std::string &path, const InputFileKind &kind)
{
	try {
		return nlohmann::json::parse(read_input_file(path, kind));
	} catch (const nlohmann::json::exception &error) {
		throw invalid_input(path + ": not JSON: " + error.what());
	}
}

// The assertions of a result.json by name.
std::map<std::string, nlohmann::json> assertions_by_name(const nlohmann::json &result)
{
	std::map<std::string, nlohmann::json> by_name;
	for (const nlohmann::json &assertion : result.value("assertions", nlohmann::json::array()))
		by_name[assertion.value("name", "")] = assertion;
	return by_name;
}

// "<name>: <verdict>, observed <value> (expected <bound>); <the values of its terms>"
std::string figure_of(const std::string &name, const nlohmann::json &assertion)
{
	std::string text = name + ": " + assertion.value("verdict", "?");
	const nlohmann::json &observed = assertion.contains("observed") ? assertion["observed"] : nlohmann::json();
	if (observed.is_number()) {
		double value = observed.get<double>();
		std::string shown = value == std::floor(value) && std::fabs(value) < 1e15 ? fmt::format("{:.0f}", value)
											   : fmt::format("{:.6g}", value);
		text += ", observed " + shown + " (expected " + assertion.value("expected_text", "?") + ")";
	}
	std::string detail = assertion.value("detail", "");
	std::string message = assertion.value("message", "");
	if (!observed.is_number() && !message.empty())
		text += ": " + message;
	return detail.empty() ? text : text + "; " + detail;
}

// "<expression>: true|false, observed X (expected Y); <its terms>", or why it could not be evaluated.
std::string figure_of(const AssertionResult &result)
{
	if (result.verdict == Verdict::error)
		return result.expr + ": not decided; " + result.detail;
	return fmt::format("{}: {}, observed {} (expected {}); {}", result.expr,
			   result.verdict == Verdict::pass ? "true" : "false", format_value(result.observed),
			   result.expected_text, result.detail);
}

// The holds_when expressions over the metrics of the cell's result: true, false, or undecided.
void decide_by_metrics(const Claim &claim, const nlohmann::json &result, ClaimCell &cell, bool &refuted,
		       bool &all_hold, std::string &undecided)
{
	if (claim.holds_when.empty())
		return;
	MetricStore metrics;
	metrics.add_all(result_metrics_from_json(result));
	for (const std::string &expression : claim.holds_when) {
		AssertionSpec spec;
		spec.expr = spec.name = expression;
		AssertionResult evaluated = evaluate_assertion(compile_assertion(expression), spec, metrics);
		cell.figures.push_back(figure_of(evaluated));
		refuted = refuted || evaluated.verdict == Verdict::fail;
		all_hold = all_hold && evaluated.verdict == Verdict::pass;
		if (evaluated.verdict == Verdict::error)
			undecided = "'" + expression + "' could not be evaluated: " + evaluated.detail;
	}
}

// The verdict from the assertions (and metrics) of the claim's scenario as one kernel ran it.
ClaimCell decide(const Claim &claim, const nlohmann::json &result)
{
	std::map<std::string, nlohmann::json> assertions = assertions_by_name(result);
	ClaimCell cell;
	bool refuted = false, all_hold = !claim.holds_if.empty() || !claim.holds_when.empty();
	std::string undecided;
	auto look = [&](const std::string &name) -> std::optional<std::string> {
		auto found = assertions.find(name);
		if (found == assertions.end()) {
			undecided = "the scenario's result has no assertion '" + name + "'";
			return std::nullopt;
		}
		cell.figures.push_back(figure_of(name, found->second));
		return found->second.value("verdict", "");
	};
	for (const std::string &name : claim.holds_if) {
		std::optional<std::string> verdict = look(name);
		refuted = refuted || verdict == "fail";
		if (verdict != "pass") {
			all_hold = false;
			if (verdict && *verdict != "fail")
				undecided = "assertion '" + name + "' was not decided (" + *verdict + ")";
		}
	}
	for (const std::string &name : claim.fails_if)
		refuted = look(name) == "pass" || refuted;
	decide_by_metrics(claim, result, cell, refuted, all_hold, undecided);
	if (refuted)
		cell.verdict = ClaimVerdict::does_not_hold;
	else if (all_hold)
		cell.verdict = ClaimVerdict::holds;
	else
		cell.why = undecided.empty() ? "the assertion that would refute it did not pass" : undecided;
	return cell;
}

// A cell's details (a SKIP's reason, errors) as one line; "no result.json" when it has none.
std::string joined_details(const nlohmann::json &cell)
{
	std::string text;
	for (const nlohmann::json &detail : cell.value("details", nlohmann::json::array()))
		text += (text.empty() ? "" : "; ") + (detail.is_string() ? detail.get<std::string>() : detail.dump());
	return text.empty() ? "no result.json" : text;
}

std::optional<std::size_t> scenario_index(const nlohmann::json &matrix, const std::string &scenario_file)
{
	const nlohmann::json &scenarios = matrix.at("scenarios");
	for (std::size_t i = 0; i < scenarios.size(); i++)
		if (fs::path(scenarios[i].value("file", "")).filename() == scenario_file)
			return i;
	return std::nullopt;
}

const nlohmann::json *matrix_cell(const nlohmann::json &matrix, std::size_t kernel, std::size_t scenario)
{
	for (const nlohmann::json &cell : matrix.at("cells"))
		if (cell.value("kernel", std::size_t(-1)) == kernel && cell.value("scenario", std::size_t(-1)) == scenario)
			return &cell;
	return nullptr;
}

ClaimCell claim_cell(const Claim &claim, const nlohmann::json &matrix, const fs::path &dir, std::size_t kernel)
{
	if (!claim.untested.empty())
		return untested_cell(claim.untested);
	std::optional<std::size_t> scenario = scenario_index(matrix, claim.scenario);
	if (!scenario)
		return untested_cell(claim.scenario + " was not in this matrix run");
	const nlohmann::json *cell = matrix_cell(matrix, kernel, *scenario);
	if (!cell)
		return untested_cell(claim.scenario + " did not run on this kernel (the matrix stopped early)");
	std::string verdict = cell->value("verdict", "");
	fs::path result = dir / cell->value("result", "");
	if (verdict == "SKIP" || !fs::is_regular_file(result))
		return untested_cell(claim.scenario + " " + (verdict.empty() ? "has no verdict" : verdict) + ": " +
				joined_details(*cell));
	return decide(claim, read_json(result.string(), result_file_kind));
}

std::vector<LedgerKernel> ledger_kernels(const nlohmann::json &matrix)
{
	std::vector<LedgerKernel> kernels;
	for (const nlohmann::json &kernel : matrix.at("kernels"))
		kernels.push_back({ kernel.value("release", "?"), kernel.value("host", false) });
	return kernels;
}

}  // namespace

Ledger build_ledger(const std::vector<Claim> &claims, const std::string &matrix_dir,
		    const std::vector<std::string> &ab_dirs)
{
	fs::path dir(matrix_dir);
	nlohmann::json matrix = read_json((dir / "matrix.json").string(), matrix_file_kind);
	for (const char *key : { "kernels", "scenarios", "cells" })
		if (!matrix.contains(key) || !matrix[key].is_array())
			throw invalid_input((dir / "matrix.json").string() + ": not a matrix's (no '" + key + "' array)");
	Ledger ledger{ matrix.value("started_at", ""), ledger_kernels(matrix), claims, {} };
	std::vector<AbFolder> folders = read_ab_folders(ab_dirs);
	for (const Claim &claim : claims) {
		std::vector<ClaimCell> row;
		for (std::size_t kernel = 0; kernel < ledger.kernels.size(); kernel++)
			row.push_back(claim.ab_change.empty() ? claim_cell(claim, matrix, dir, kernel)
							      : decide_ab_claim(claim, folders, ledger.kernels[kernel].release));
		ledger.cells.push_back(std::move(row));
	}
	return ledger;
}

}  // namespace kmh

// Claims decided by an A/B of their scenario on one kernel: a `kmemharness ab` folder's runs against the claim's sides and change.
#include "ledger/ab_claim_verdicts.h"

#include <filesystem>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "common/error.h"
#include "common/whole_number.h"
#include "compare/compare_report.h"
#include "compare/gate_rule.h"
#include "compare/min_effect.h"
#include "scenario/sysctl_option.h"

namespace kmh {

namespace {

namespace fs = std::filesystem;

std::string one_kernel(const AbFolder &folder)
{
	std::vector<std::string> a = folder.a.kernels(), b = folder.b.kernels();
	if (a.size() != 1 || a != b)
		throw invalid_input(fmt::format("{}: its sides ran on A: {}, B: {}; a claim's A/B runs both sides on one "
						"kernel", folder.dir, fmt::join(a, ", "), fmt::join(b, ", ")));
	return a.front();
}

AbFolder read_ab_folder(const std::string &dir)
{
	if (!fs::is_regular_file(fs::path(dir) / "compare.json"))
		throw invalid_input(dir + ": not a `kmemharness ab` folder (no compare.json)");
	AbFolder folder{ dir, "", "", load_run_set("baseline", { dir + "/A" }), load_run_set("candidate", { dir + "/B" }) };
	require_one_scenario(folder.a, folder.b);
	folder.scenario_file = fs::path(folder.a.runs.front().result.scenario.file).filename().string();
	folder.release = one_kernel(folder);
	return folder;
}

// Whether one run set the setting as written: NAME=VALUE to VALUE, NAME+=N to the value it found plus N.
bool run_set_it(const RunResult &run, const SysctlSetting &setting, std::string &used)
{
	for (const SysctlChange &change : run.sysctls) {
		if (change.name != setting.name)
			continue;
		used = change.value;
		if (!setting.raise)
			return change.value == setting.value;
		std::optional<long long> before = whole_number(change.before), value = whole_number(change.value);
		return before && value && *value == *before + *whole_number(setting.value);
	}
	used = "its value unchanged";
	return false;
}

// "vm.min_free_kbytes+=6144 (73728 in all 8 runs)", or why a run of the side did not set it.
std::optional<std::string> check_side(const RunSet &side, const std::vector<std::string> &texts,
				      const std::string &label, std::string &described)
{
	for (const SysctlSetting &setting : parse_sysctl_options(texts, label)) {
		std::set<std::string> values;
		for (const LoadedRun &run : side.runs) {
			std::string used;
			if (!run_set_it(run.result, setting, used))
				return fmt::format("{} did not set {}{}{} (it ran {})", run.path, setting.name,
						   setting.raise ? "+=" : "=", setting.value, used);
			values.insert(used);
		}
		described += fmt::format("{}{} {}{}{} ({} in its {} runs)", described.empty() ? "" : "; ", label, setting.name,
					 setting.raise ? "+=" : "=", setting.value, fmt::join(values, ", "), side.runs.size());
	}
	return std::nullopt;
}

const AbFolder *folder_for(const Claim &claim, const std::vector<AbFolder> &folders, const std::string &release)
{
	for (const AbFolder &folder : folders)
		if (folder.release == release && folder.scenario_file == claim.scenario)
			return &folder;
	return nullptr;
}

std::string values_text(const std::vector<double> &values)
{
	std::vector<std::string> texts;
	for (double value : values)
		texts.push_back(value_text(value));
	return fmt::format("{}", fmt::join(texts, ", "));
}

// The verdict from the rule's outcome: found (holds), decided otherwise (does not hold), or undecided.
ClaimCell verdict_of(const GateOutcome &outcome, ClaimCell cell)
{
	cell.figures.push_back(outcome.rule.text + ": " + (outcome.failed ? "found" : "not found") + "; " + outcome.explanation);
	cell.figures.push_back("per run, A: " + values_text(outcome.stats.baseline) + "; B: " + values_text(outcome.stats.candidate));
	if (outcome.failed)
		cell.verdict = ClaimVerdict::holds;
	else if (outcome.stats.decision != Decision::undecided)
		cell.verdict = ClaimVerdict::does_not_hold;
	else
		cell.why = "the A/B left the change undecided (more rounds may decide it)";
	return cell;
}

}  // namespace

std::vector<AbFolder> read_ab_folders(const std::vector<std::string> &dirs)
{
	std::vector<AbFolder> folders;
	for (const std::string &dir : dirs) {
		folders.push_back(read_ab_folder(dir));
		for (std::size_t i = 0; i + 1 < folders.size(); i++)
			if (folders[i].release == folders.back().release && folders[i].scenario_file == folders.back().scenario_file)
				throw invalid_input(fmt::format("{} and {} are both A/Bs of {} on {}: give one", folders[i].dir,
								dir, folders.back().scenario_file, folders.back().release));
	}
	return folders;
}

ClaimCell decide_ab_claim(const Claim &claim, const std::vector<AbFolder> &folders, const std::string &release)
{
	const AbFolder *folder = folder_for(claim, folders, release);
	if (!folder)
		return untested_cell("no A/B of " + claim.scenario + " on this kernel was given (`kmemharness ledger … --ab DIR`)");
	std::string sides;
	for (auto [side, texts, label] : { std::tuple{ &folder->a, &claim.ab_sysctl_a, "A" },
					   std::tuple{ &folder->b, &claim.ab_sysctl_b, "B" } })
		if (std::optional<std::string> mismatch = check_side(*side, *texts, label, sides))
			return untested_cell("the A/B in " + folder->dir + " is not the claim's: " + *mismatch);
	GateRule rule = parse_gate_rule(claim.ab_change, "the claim's ab_change");
	const std::string &text = folder->a.runs.front().result.scenario.text;
	MinEffect min_effect = scenario_min_effect(text, folder->a.runs.front().path).value_or(MinEffect{});
	CompareReport report = build_compare_report(folder->a, folder->b, { rule }, min_effect);
	ClaimCell cell;
	cell.figures.push_back(fmt::format("{}, in {}", sides, folder->dir));
	return verdict_of(report.gates.front(), std::move(cell));
}

}  // namespace kmh

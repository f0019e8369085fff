// Claims decided from a matrix folder: holds, does not hold and cannot be tested, with the figures and the Markdown.
#include <gtest/gtest.h>

#include "input_error_message.h"
#include "ledger/claim_verdicts.h"
#include "ledger/ledger_markdown.h"
#include "scratch_tree.h"

namespace kmh {
namespace {

using Names = std::vector<std::string>;

Claim tested_by(const std::string &id, const std::string &scenario, Names holds_if, Names fails_if = {})
{
	Claim claim;
	claim.id = id;
	claim.text = "claim " + id;
	claim.source = "docs";
	claim.scenario = scenario;
	claim.holds_if = std::move(holds_if);
	claim.fails_if = std::move(fails_if);
	return claim;
}

Claim untested_claim(const std::string &id, const std::string &why)
{
	Claim claim;
	claim.id = id;
	claim.untested = why;
	return claim;
}

class ClaimVerdicts : public ScratchTree {
protected:
	ClaimVerdicts() : ScratchTree("kmh-claim-verdicts") {}

	// Two kernels (6.1 in a guest, the host) and one scenario, x.toml: 6.1's cell passed with
	// assertions `ok` (pass) and `bad` (fail); the host SKIPped it.
	void SetUp() override
	{
		ScratchTree::SetUp();
		write("matrix.json", R"({"started_at": "2026-12-03T07:48:00Z",
		  "kernels": [{"release": "6.1.0-57-amd64", "host": false}, {"release": "6.18.44", "host": true}],
		  "scenarios": [{"file": "/src/scenarios/x.toml"}],
		  "cells": [{"kernel": 0, "scenario": 0, "verdict": "FAIL", "result": "k0/x/result.json", "details": []},
			    {"kernel": 1, "scenario": 0, "verdict": "SKIP", "result": "k1/x/result.json",
			     "details": ["needs modules"]}]})");
		write("k0/x/result.json", R"({"assertions": [
		  {"name": "ok", "verdict": "pass", "detail": "a = 3"},
		  {"name": "bad", "verdict": "fail", "observed": 2, "expected_text": "== 4"},
		  {"name": "vague", "verdict": "error", "message": "no such metric"},
		  {"name": "large", "verdict": "pass", "observed": 1234567, "expected_text": "> 1", "detail": "m = 1234567"}],
		  "metrics": [{"name": "pcp.batches.drain", "labels": {"cpu": "1"}, "value": 37},
			      {"name": "pcp.locks.drain", "labels": {"cpu": "1"}, "value": 52}]})");
	}

	ClaimCell guest_cell(Names holds_if, Names fails_if = {})
	{
		return build_ledger({ tested_by("1", "x.toml", std::move(holds_if), std::move(fails_if)) }, dir_.string())
			.cells.at(0)
			.at(0);
	}
};

TEST_F(ClaimVerdicts, HoldsWhenEveryHoldsIfAssertionPasses)
{
	ClaimCell cell = guest_cell({ "ok" });
	EXPECT_EQ(cell.verdict, ClaimVerdict::holds);
	EXPECT_EQ(cell.figures, (std::vector<std::string>{ "ok: pass; a = 3" }));
}

TEST_F(ClaimVerdicts, DoesNotHoldWhenAHoldsIfFailsOrAFailsIfPasses)
{
	ClaimCell failed = guest_cell({ "ok", "bad" });
	EXPECT_EQ(failed.verdict, ClaimVerdict::does_not_hold);
	EXPECT_EQ(failed.figures.at(1), "bad: fail, observed 2 (expected == 4)");
	EXPECT_EQ(guest_cell({}, { "ok" }).verdict, ClaimVerdict::does_not_hold);
	EXPECT_EQ(guest_cell({ "large" }).figures.at(0), "large: pass, observed 1234567 (expected > 1); m = 1234567");
	EXPECT_EQ(guest_cell({ "vague" }).figures.at(0), "vague: error: no such metric");
}

TEST_F(ClaimVerdicts, UndecidedAssertionsAndMissingOnesCannotBeTested)
{
	ClaimCell vague = guest_cell({ "vague" });
	EXPECT_EQ(vague.verdict, ClaimVerdict::untested);
	EXPECT_TRUE(contains(vague.why, "'vague' was not decided (error)")) << vague.why;
	ClaimCell missing = guest_cell({ "gone" });
	EXPECT_TRUE(contains(missing.why, "no assertion 'gone'")) << missing.why;
	ClaimCell unrefuted = guest_cell({}, { "bad" });
	EXPECT_EQ(unrefuted.verdict, ClaimVerdict::untested);
}

// holds_when: expressions over the cell's metrics, for claims the scenario's assertions hold on
// every kernel but the kernels answer differently.
TEST_F(ClaimVerdicts, HoldsWhenExpressionsAreDecidedOnTheMetrics)
{
	auto decided = [this](const std::string &expression) {
		Claim claim = tested_by("1", "x.toml", {});
		claim.holds_when = { expression };
		return build_ledger({ claim }, dir_.string()).cells.at(0).at(0);
	};
	ClaimCell unequal = decided("pcp.batches.drain == pcp.locks.drain");
	EXPECT_EQ(unequal.verdict, ClaimVerdict::does_not_hold);
	EXPECT_TRUE(contains(unequal.figures.at(0), "pcp.batches.drain == pcp.locks.drain: false, observed 37 (expected == 52)"))
		<< unequal.figures.at(0);
	EXPECT_EQ(decided("pcp.batches.drain{cpu=1} < pcp.locks.drain").verdict, ClaimVerdict::holds);
	ClaimCell undecided = decided("pcp.batches.drain / pcp.locks.refill > 1");
	EXPECT_EQ(undecided.verdict, ClaimVerdict::untested);
	EXPECT_TRUE(contains(undecided.why, "could not be evaluated")) << undecided.why;
}

TEST_F(ClaimVerdicts, ASkippedCellAnAbsentScenarioAndAnUntestedClaimSayWhy)
{
	Ledger ledger = build_ledger({ tested_by("1", "x.toml", { "ok" }), tested_by("2", "y.toml", { "ok" }),
				       untested_claim("3", "no scenario yet") },
				     dir_.string());
	EXPECT_EQ(ledger.cells[0][1].verdict, ClaimVerdict::untested);
	EXPECT_EQ(ledger.cells[0][1].why, "x.toml SKIP: needs modules");
	EXPECT_EQ(ledger.cells[1][0].why, "y.toml was not in this matrix run");
	EXPECT_EQ(ledger.cells[2][0].why, "no scenario yet");
}

TEST_F(ClaimVerdicts, MarkdownHasATableRowPerClaimAndTheFigures)
{
	Claim claim = tested_by("1", "x.toml", { "ok" });
	claim.text = "pipes | are escaped";
	claim.note = "Tested at order 4.";
	Ledger ledger = build_ledger({ claim }, dir_.string());
	std::string text = ledger_markdown(ledger, "kmemharness ledger m");
	EXPECT_TRUE(contains(text, "| 6.1.0-57-amd64 | 6.18.44 (host) |")) << text;
	EXPECT_TRUE(contains(text, "| [1](#claim-1) | pipes \\| are escaped | `x.toml` | holds | cannot be tested here |"))
		<< text;
	EXPECT_TRUE(contains(text, "  - ok: pass; a = 3")) << text;
	EXPECT_TRUE(contains(text, "Tested by `scenarios/x.toml`. Tested at order 4.\n")) << text;
	EXPECT_TRUE(contains(text, "kmemharness ledger m")) << text;
	EXPECT_TRUE(contains(text, "2026-12-03T07:48:00Z")) << text;
}

TEST_F(ClaimVerdicts, AFolderWithoutAMatrixIsAnInputError)
{
	write("other/matrix.json", "{\"kernels\": []}");
	std::string message = input_error_message([&] { build_ledger({}, path("other")); }, "other");
	EXPECT_TRUE(contains(message, "not a matrix's")) << message;
	message = input_error_message([&] { build_ledger({}, path("none")); }, "none");
	EXPECT_TRUE(contains(message, "matrix.json")) << message;
}

}  // namespace
}  // namespace kmh

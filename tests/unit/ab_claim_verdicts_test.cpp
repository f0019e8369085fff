// Claims an A/B decides: an ab folder's runs checked against the claim's sides, and its change found, decided otherwise or undecided.
#include <gtest/gtest.h>

#include "input_error_message.h"
#include "ledger/ab_claim_verdicts.h"
#include "report/result_json.h"
#include "scratch_tree.h"

namespace kmh {
namespace {

Claim ab_claim()
{
	Claim claim;
	claim.id = "14";
	claim.scenario = "x.toml";
	claim.ab_sysctl_a = { "vm.min_free_kbytes+=0" };
	claim.ab_sysctl_b = { "vm.min_free_kbytes+=6144" };
	claim.ab_change = "extfrag.events{scope=workload} falls by more than 1% and decided";
	return claim;
}

class AbClaimVerdicts : public ScratchTree {
protected:
	AbClaimVerdicts() : ScratchTree("kmh-ab-claim-verdicts") {}

	// An ab folder of x.toml on `release`: A and B runs with these extfrag counts, each run's
	// min_free_kbytes found at 67584 and set to 67584 + raise of its side.
	std::string ab_folder(const std::string &name, const std::vector<double> &a, const std::vector<double> &b,
			      int b_raise = 6144, const std::string &release = "6.1.0-57-amd64")
	{
		write(name + "/compare.json", "{}");
		for (auto [label, values, raise] : { std::tuple{ "A", &a, 0 }, std::tuple{ "B", &b, b_raise } })
			for (std::size_t round = 0; round < values->size(); round++)
				write(name + "/" + label + "/" + std::to_string(round + 1) + "/result.json",
				      run_text(values->at(round), raise, release));
		return path(name);
	}

	static std::string run_text(double fallbacks, int raise, const std::string &release)
	{
		RunResult run;
		run.status = "passed";
		run.complete = true;
		run.exit_code = ExitCode::passed;
		run.scenario = { "x", "", "/src/scenarios/x.toml", "[scenario]\nname = \"x\"\n", "" };
		run.system.kernel_release = release;
		run.sysctls = { { "vm.min_free_kbytes", "67584", std::to_string(67584 + raise) } };
		run.metrics.add("extfrag.events", { { "scope", "workload" } }, fallbacks);
		return result_json_text(run);
	}

	ClaimCell decided(const std::vector<std::string> &dirs, const std::string &release = "6.1.0-57-amd64")
	{
		return decide_ab_claim(ab_claim(), read_ab_folders(dirs), release);
	}
};

TEST_F(AbClaimVerdicts, HoldsWhenTheChangeIsFoundAndShowsTheSidesAndEveryRun)
{
	ClaimCell cell = decided({ ab_folder("ab", { 500, 510, 505, 498 }, { 100, 90, 120, 95 }) });
	EXPECT_EQ(cell.verdict, ClaimVerdict::holds);
	ASSERT_EQ(cell.figures.size(), 3u);
	EXPECT_TRUE(contains(cell.figures[0], "A vm.min_free_kbytes+=0 (67584 in its 4 runs); B vm.min_free_kbytes+=6144 "
					      "(73728 in its 4 runs)"))
		<< cell.figures[0];
	EXPECT_TRUE(contains(cell.figures[1], "falls by more than 1% and decided: found; mean 503.25 -> 101.25")) << cell.figures[1];
	EXPECT_EQ(cell.figures[2], "per run, A: 500, 510, 505, 498; B: 100, 90, 120, 95");
}

TEST_F(AbClaimVerdicts, DoesNotHoldWhenTheAbDecidesSameOrTheOtherWay)
{
	EXPECT_EQ(decided({ ab_folder("same", { 513, 513, 512, 513 }, { 513, 512, 513, 513 }) }).verdict,
		  ClaimVerdict::does_not_hold);
	EXPECT_EQ(decided({ ab_folder("rise", { 100, 90, 120, 95 }, { 500, 510, 505, 498 }) }).verdict,
		  ClaimVerdict::does_not_hold);
}

TEST_F(AbClaimVerdicts, UndecidedNoFolderForTheKernelOrOtherSidesCannotBeTested)
{
	ClaimCell noisy = decided({ ab_folder("noisy", { 475, 0, 1, 161 }, { 0, 1, 0, 62 }) });
	EXPECT_EQ(noisy.verdict, ClaimVerdict::untested);
	EXPECT_TRUE(contains(noisy.why, "undecided")) << noisy.why;
	ClaimCell elsewhere = decided({ ab_folder("other", { 500, 510 }, { 100, 90 }) }, "6.12.118+deb12-amd64");
	EXPECT_TRUE(contains(elsewhere.why, "no A/B of x.toml on this kernel")) << elsewhere.why;
	ClaimCell unlike = decided({ ab_folder("unlike", { 500, 510 }, { 100, 90 }, 4096) });
	EXPECT_EQ(unlike.verdict, ClaimVerdict::untested);
	EXPECT_TRUE(contains(unlike.why, "did not set vm.min_free_kbytes+=6144 (it ran 71680)")) << unlike.why;
}

TEST_F(AbClaimVerdicts, AFolderThatIsNoAbOrTwoAbsOfOneKernelAreExit2)
{
	write("plain/A/1/result.json", run_text(1, 0, "r"));
	EXPECT_TRUE(contains(input_error_message([&] { read_ab_folders({ path("plain") }); }, "plain"),
			     "not a `kmemharness ab` folder (no compare.json)"));
	std::string one = ab_folder("one", { 1, 2 }, { 1, 2 }), two = ab_folder("two", { 1, 2 }, { 1, 2 });
	EXPECT_TRUE(contains(input_error_message([&] { read_ab_folders({ one, two }); }, "two"),
			     "are both A/Bs of x.toml on 6.1.0-57-amd64: give one"));
}

}  // namespace
}  // namespace kmh

// The claims file: [[claim]] tables read, every bad key or value an error naming file:line and what is accepted.
#include <gtest/gtest.h>

#include "input_error_message.h"
#include "ledger/claims_file.h"

namespace kmh {
namespace {

const std::string tested = "[[claim]]\nid = \"1\"\nclaim = \"c\"\nsource = \"s\"\nscenario = \"x.toml\"\n";

std::string error_of(const std::string &text)
{
	return input_error_message([&] { parse_claims_text(text, "claims.toml"); }, text);
}

TEST(ClaimsFile, ReadsATestedAndAnUntestedClaim)
{
	std::vector<Claim> claims = parse_claims_text(
		tested + "holds_if = [\"a\", \"b\"]\nfails_if = [\"c\"]\nnote = \"n\"\n"
			 "[[claim]]\nid = \"2\"\nclaim = \"d\"\nsource = \"s\"\nuntested = \"why\"\n",
		"claims.toml");
	ASSERT_EQ(claims.size(), 2u);
	EXPECT_EQ(claims[0].scenario, "x.toml");
	EXPECT_EQ(claims[0].holds_if, (std::vector<std::string>{ "a", "b" }));
	EXPECT_EQ(claims[0].fails_if, (std::vector<std::string>{ "c" }));
	EXPECT_EQ(claims[0].note, "n");
	EXPECT_EQ(claims[1].untested, "why");
	EXPECT_TRUE(claims[1].scenario.empty());
}

TEST(ClaimsFile, ATestedClaimNamesTheAssertionsThatDecideIt)
{
	std::string message = error_of(tested);
	EXPECT_TRUE(contains(message, "claims.toml:1")) << message;
	EXPECT_TRUE(contains(message, "'holds_if' or 'fails_if'")) << message;
}

TEST(ClaimsFile, HoldsWhenIsReadAndEachExpressionChecked)
{
	std::vector<Claim> claims = parse_claims_text(tested + "holds_when = [\"a.b == c.d\"]\n", "claims.toml");
	EXPECT_EQ(claims.at(0).holds_when, (std::vector<std::string>{ "a.b == c.d" }));
	std::string message = error_of(tested + "holds_when = [\"a.b ==\"]\n");
	EXPECT_TRUE(contains(message, "claims.toml:6")) << message;
	EXPECT_TRUE(contains(message, "not an assertion expression")) << message;
}

TEST(ClaimsFile, EitherAScenarioOrWhyNoneCanTestIt)
{
	EXPECT_TRUE(contains(error_of("[[claim]]\nid = \"1\"\nclaim = \"c\"\nsource = \"s\"\n"), "either 'scenario'"));
	EXPECT_TRUE(contains(error_of(tested + "holds_if = [\"a\"]\nuntested = \"u\"\n"), "not both"));
}

TEST(ClaimsFile, UnknownKeysDuplicateIdsAndMissingTablesAreErrors)
{
	std::string unknown = error_of(tested + "holds = [\"a\"]\n");
	EXPECT_TRUE(contains(unknown, "claims.toml:6")) << unknown;
	EXPECT_TRUE(contains(unknown, "holds_if")) << unknown;
	std::string twice = error_of(tested + "holds_if = [\"a\"]\n" + tested + "holds_if = [\"a\"]\n");
	EXPECT_TRUE(contains(twice, "used by an earlier claim")) << twice;
	EXPECT_TRUE(contains(error_of("title = 1\n"), "accepted: [[claim]]"));
	EXPECT_TRUE(contains(error_of(""), "no [[claim]]"));
	EXPECT_TRUE(contains(error_of("[[claim]\n"), "TOML syntax error"));
	EXPECT_TRUE(contains(error_of(tested + "holds_if = \"a\"\n"), "holds_if"));
}

TEST(ClaimsFile, AnAbClaimNamesItsSidesAndTheChangeAsAGateRule)
{
	std::vector<Claim> claims = parse_claims_text(
		tested + "ab_sysctl_a = [\"vm.min_free_kbytes+=0\"]\nab_sysctl_b = [\"vm.min_free_kbytes+=6144\"]\n"
			 "ab_change = \"extfrag.events{scope=workload} falls by more than 1% and decided\"\n",
		"claims.toml");
	ASSERT_EQ(claims.size(), 1u);
	EXPECT_EQ(claims[0].ab_sysctl_b, (std::vector<std::string>{ "vm.min_free_kbytes+=6144" }));
	EXPECT_EQ(claims[0].ab_change, "extfrag.events{scope=workload} falls by more than 1% and decided");
}

TEST(ClaimsFile, AnAbClaimsBadRuleBadSideOrMixedKeysAreErrors)
{
	const std::string sides = "ab_sysctl_b = [\"vm.min_free_kbytes+=6144\"]\n";
	const std::pair<std::string, std::string> cases[] = {
		{ tested + sides + "ab_change = \"extfrag.events drops\"\n", "claims.toml:7:13: [[claim]] #1 key 'ab_change': ab_change rule \"extfrag.events drops\": not a gate rule" },
		{ tested + "ab_sysctl_b = [\"vm.min_free_kbytes+=lots\"]\nab_change = \"x falls by more than 1%\"\n",
		  "'lots' after += is not a whole number" },
		{ tested + "ab_change = \"x falls by more than 1%\"\n", "'ab_sysctl_a' and 'ab_sysctl_b'" },
		{ tested + sides + "holds_if = [\"a\"]\n", "'ab_sysctl_a' and 'ab_sysctl_b'" },
		{ tested + sides + "holds_if = [\"a\"]\nab_change = \"x falls by more than 1%\"\n",
		  "takes no 'holds_if'" },
	};
	for (const auto &[text, part] : cases) {
		std::string message = error_of(text);
		EXPECT_TRUE(contains(message, part)) << text << "\n" << message;
	}
}

}  // namespace
}  // namespace kmh

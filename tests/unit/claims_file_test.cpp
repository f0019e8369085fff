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

}  // namespace
}  // namespace kmh

// Reading the claims file (TOML, [[claim]] tables); every error names file:line:column and key.
#include "ledger/claims_file.h"

#include <set>

#include <toml++/toml.h>

#include "assertions/assertion_parser.h"
#include "assertions/assertion_syntax_error.h"
#include "compare/gate_rule.h"
#include "common/error.h"
#include "scenario/sysctl_option.h"
#include "scenario/table_reader.h"
#include "scenario/toml_location.h"
#include "system/bounded_file.h"

namespace kmh {

namespace {

constexpr InputFileKind claims_file_kind{ "claims file", 1 << 20 };
const std::vector<std::string> claim_keys = { "id",	  "claim",    "source",	 "scenario", "holds_if",
					      "fails_if", "holds_when", "ab_sysctl_a", "ab_sysctl_b", "ab_change",
					      "untested", "note" };

// What is wrong with a holds_when expression, as the assertion parser says it.
std::optional<std::string> expression_problem(const std::string &expression)
{
	try {
		compile_assertion(expression);
		return std::nullopt;
	} catch (const AssertionSyntaxError &error) {
		return "not an assertion expression: " + std::string(error.what()) + " at column " +
		       std::to_string(error.column());
	}
}

// What is wrong with an ab_change gate rule, as the gate rule parser says it.
std::optional<std::string> gate_rule_problem(const std::string &rule)
{
	try {
		parse_gate_rule(rule, "ab_change");
		return std::nullopt;
	} catch (const Error &error) {
		return std::string(error.what());
	}
}

// What is wrong with an A/B side's sysctl, as `ab --sysctl-a` would say it.
std::optional<std::string> sysctl_problem(const std::string &text)
{
	try {
		parse_sysctl_options({ text }, "the setting");
		return std::nullopt;
	} catch (const Error &error) {
		return std::string(error.what());
	}
}

std::string required_string(const TableReader &reader, const std::string &key)
{
	std::optional<std::string> value = reader.string(key);
	if (!value || value->empty())
		reader.fail("needs '" + key + "', a non-empty string");
	return *value;
}

Claim read_claim(const TableReader &reader)
{
	reader.reject_unknown_keys(claim_keys);
	Claim claim;
	claim.id = required_string(reader, "id");
	claim.text = required_string(reader, "claim");
	claim.source = required_string(reader, "source");
	claim.scenario = reader.string("scenario").value_or("");
	claim.holds_if = reader.strings("holds_if").value_or(std::vector<std::string>{});
	claim.fails_if = reader.strings("fails_if").value_or(std::vector<std::string>{});
	claim.holds_when = reader.strings("holds_when", expression_problem).value_or(std::vector<std::string>{});
	claim.ab_sysctl_a = reader.strings("ab_sysctl_a", sysctl_problem).value_or(std::vector<std::string>{});
	claim.ab_sysctl_b = reader.strings("ab_sysctl_b", sysctl_problem).value_or(std::vector<std::string>{});
	if (std::optional<std::string> rule = reader.string("ab_change")) {
		if (std::optional<std::string> problem = gate_rule_problem(*rule))
			reader.fail(reader.where("ab_change"), "key 'ab_change'", *problem);
		claim.ab_change = *rule;
	}
	claim.untested = reader.string("untested").value_or("");
	claim.note = reader.string("note").value_or("");
	if (claim.scenario.empty() == claim.untested.empty())
		reader.fail("needs either 'scenario' (the scenario that tests it) or 'untested' (why none can), "
			    "not both");
	bool by_assertions = !claim.holds_if.empty() || !claim.fails_if.empty() || !claim.holds_when.empty();
	if (!claim.scenario.empty() && !by_assertions && claim.ab_change.empty())
		reader.fail("needs 'holds_if' or 'fails_if' (the names of the scenario's assertions that decide it), "
			    "'holds_when' (expressions over its metrics) or 'ab_change' (the change an A/B of it must find)");
	if (!claim.ab_change.empty() && (by_assertions || claim.scenario.empty()))
		reader.fail("'ab_change' decides a claim by an A/B of its scenario: it needs 'scenario' and takes no "
			    "'holds_if', 'fails_if' or 'holds_when'");
	if (claim.ab_change.empty() != (claim.ab_sysctl_a.empty() && claim.ab_sysctl_b.empty()))
		reader.fail("'ab_sysctl_a' and 'ab_sysctl_b' (the sides of the A/B) go with 'ab_change', and it with "
			    "at least one of them");
	return claim;
}

const toml::array &claim_array(const toml::table &root, const std::string &file_name)
{
	for (const auto &[key, node] : root)
		if (key.str() != "claim")
			fail_at(node.source(), "unknown top-level key '" + std::string(key.str()) + "'; accepted: [[claim]]");
	const toml::array *claims = root["claim"].as_array();
	if (!claims || claims->empty())
		throw invalid_input(file_name + ": no [[claim]] table");
	return *claims;
}

}  // namespace

std::vector<Claim> parse_claims_text(const std::string &text, const std::string &file_name)
{
	toml::table root;
	try {
		root = toml::parse(text, file_name);
	} catch (const toml::parse_error &error) {
		fail_at(error.source(), "TOML syntax error: " + std::string(error.description()));
	}
	std::vector<Claim> claims;
	std::set<std::string> ids;
	for (const toml::node &node : claim_array(root, file_name)) {
		if (!node.is_table())
			fail_at(node.source(), "[[claim]] must be a table");
		TableReader reader(*node.as_table(), "[[claim]] #" + std::to_string(claims.size() + 1));
		claims.push_back(read_claim(reader));
		if (!ids.insert(claims.back().id).second)
			reader.fail(reader.where("id"), "key 'id'", "'" + claims.back().id + "' is used by an earlier claim");
	}
	return claims;
}

std::vector<Claim> read_claims_file(const std::string &path)
{
	return parse_claims_text(read_input_file(path, claims_file_kind), path);
}

}  // namespace kmh

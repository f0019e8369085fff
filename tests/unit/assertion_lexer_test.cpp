// Tests of the assertion lexer: numbers with units, dotted names, operators, label values.
#include <gtest/gtest.h>

#include "assertions/assertion_lexer.h"
#include "assertions/assertion_syntax_error.h"

namespace kmh {
namespace {

std::vector<Token> all_tokens(const std::string &expr)
{
	AssertionLexer lexer(expr);
	std::vector<Token> tokens;
	for (Token token = lexer.next(); token.kind != TokenKind::end; token = lexer.next())
		tokens.push_back(token);
	return tokens;
}

int error_column(const std::string &expr)
{
	try {
		all_tokens(expr);
	} catch (const AssertionSyntaxError &error) {
		return error.column();
	}
	return 0;
}

TEST(AssertionLexer, NumbersInEveryWrittenForm)
{
	std::vector<Token> tokens = all_tokens("12 0.9 1e6 2.5e-1 64MiB 4KiB 1GiB");
	ASSERT_EQ(tokens.size(), 7u);
	EXPECT_DOUBLE_EQ(tokens[0].number, 12);
	EXPECT_DOUBLE_EQ(tokens[1].number, 0.9);
	EXPECT_DOUBLE_EQ(tokens[2].number, 1e6);
	EXPECT_DOUBLE_EQ(tokens[3].number, 0.25);
	EXPECT_DOUBLE_EQ(tokens[4].number, 64.0 * 1024 * 1024);
	EXPECT_DOUBLE_EQ(tokens[5].number, 4096);
	EXPECT_DOUBLE_EQ(tokens[6].number, 1024.0 * 1024 * 1024);
	EXPECT_EQ(tokens[4].text, "64MiB");
	EXPECT_EQ(tokens[4].column, 19);
}

TEST(AssertionLexer, DottedNamesAndOperators)
{
	std::vector<Token> tokens = all_tokens("meminfo.SReclaimable.delta>=a_b.c!=d=~e!~f==g<=h<i>j");
	std::vector<TokenKind> kinds;
	for (const Token &token : tokens)
		kinds.push_back(token.kind);
	std::vector<TokenKind> expected = {
		TokenKind::name, TokenKind::greater_equal, TokenKind::name, TokenKind::not_equal, TokenKind::name,
		TokenKind::regex_match, TokenKind::name, TokenKind::regex_not_match, TokenKind::name,
		TokenKind::equal_equal, TokenKind::name, TokenKind::less_equal, TokenKind::name, TokenKind::less,
		TokenKind::name, TokenKind::greater, TokenKind::name,
	};
	EXPECT_EQ(kinds, expected);
	EXPECT_EQ(tokens[0].text, "meminfo.SReclaimable.delta");
	EXPECT_EQ(tokens[2].text, "a_b.c");
}

TEST(AssertionLexer, LabelValuesAreWordsOrQuotedStrings)
{
	AssertionLexer lexer("1.5-x \"A|B \\\"q\\\" \\d\" }");
	Token word = lexer.next_label_value();
	EXPECT_EQ(word.text, "1.5-x");
	Token quoted = lexer.next_label_value();
	EXPECT_EQ(quoted.kind, TokenKind::string);
	EXPECT_EQ(quoted.text, "A|B \"q\" \\d");
	EXPECT_EQ(quoted.column, 7);
	EXPECT_EQ(lexer.next().kind, TokenKind::right_brace);
}

TEST(AssertionLexer, PeekDoesNotConsume)
{
	AssertionLexer lexer("a + 1");
	EXPECT_EQ(lexer.peek().text, "a");
	EXPECT_EQ(lexer.next().text, "a");
	EXPECT_EQ(lexer.peek().kind, TokenKind::plus);
	lexer.next();
	EXPECT_EQ(lexer.next().number, 1);
	Token end = lexer.next();
	EXPECT_EQ(end.kind, TokenKind::end);
	EXPECT_EQ(end.column, 6);
}

TEST(AssertionLexer, ErrorsCarryTheirColumn)
{
	EXPECT_EQ(error_column("a >= 64MB"), 8);       // unknown unit, at the unit
	EXPECT_EQ(error_column("a >= 1 # x"), 8);      // stray character
	EXPECT_EQ(error_column("x == \"open"), 6);     // unclosed string, at its quote
	EXPECT_EQ(error_column("pcp.drain. > 1"), 10); // name ending in '.'
	EXPECT_EQ(error_column("a ! b"), 3);
	EXPECT_EQ(error_column("a >= 1e999"), 6);      // out of range
}

TEST(AssertionLexer, UnknownUnitNamesTheAcceptedOnes)
{
	try {
		all_tokens("64MB");
		FAIL() << "64MB was accepted";
	} catch (const AssertionSyntaxError &error) {
		EXPECT_NE(std::string(error.what()).find("'MB'"), std::string::npos) << error.what();
		EXPECT_NE(std::string(error.what()).find("KiB, MiB, GiB"), std::string::npos) << error.what();
	}
}

TEST(AssertionLexer, LabelValueMissing)
{
	AssertionLexer lexer("  }");
	try {
		lexer.next_label_value();
		FAIL() << "no value was accepted";
	} catch (const AssertionSyntaxError &error) {
		EXPECT_EQ(error.column(), 3);
		EXPECT_NE(std::string(error.what()).find("'}'"), std::string::npos) << error.what();
	}
}

}  // namespace
}  // namespace kmh

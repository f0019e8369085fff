// Splits an assertion expression into tokens, each with its 1-based column.
#pragma once

#include <cstddef>
#include <string>
#include <utility>

namespace kmh {

enum class TokenKind {
	number,           // 12, 0.9, 1e6, 64MiB (the unit already applied to `number`)
	name,             // a dotted name, a function name or the word `within`
	string,           // "double-quoted"; `text` holds the contents without quotes
	left_paren,
	right_paren,
	left_brace,
	right_brace,
	comma,
	plus,
	minus,
	star,
	slash,
	percent,
	greater_equal,
	less_equal,
	greater,
	less,
	equal_equal,
	not_equal,        // != compares, or matches a label
	equal,            // = only matches a label
	regex_match,      // =~
	regex_not_match,  // !~
	end,
};

struct Token {
	TokenKind kind = TokenKind::end;
	std::string text;   // as written; for strings the contents
	double number = 0;  // numbers only, size unit applied
	int column = 1;
};

// How a token reads in an error message: 'foo', "bar" or "the end of the expression".
std::string describe(const Token &token);

// Reads tokens on demand so the parser can switch to label values, which are lexed differently
// (cpu=1 is the word "1", not a number; fallback_migratetype!=CMA-X is one word).
// Every method throws AssertionSyntaxError on text that forms no token.
class AssertionLexer {
public:
	explicit AssertionLexer(std::string expr) : expr_(std::move(expr)) {}

	Token peek() const;
	Token next();
	// A bare word of letters, digits, '_', '.', '-' or a double-quoted string.
	Token next_label_value();

private:
	Token scan(std::size_t &pos) const;
	Token scan_number(std::size_t &pos) const;
	Token scan_name(std::size_t &pos) const;
	Token scan_string(std::size_t &pos) const;
	Token scan_operator(std::size_t &pos) const;
	std::size_t skip_space(std::size_t pos) const;

	std::string expr_;
	std::size_t pos_ = 0;
};

}  // namespace kmh

// Tokens of the assertion language: numbers with size units, dotted names, strings, operators.
#include "assertions/assertion_lexer.h"

#include <cctype>
#include <charconv>
#include <string_view>

#include "assertions/assertion_syntax_error.h"

namespace kmh {

namespace {

struct SizeUnit {
	const char *name;
	double factor;
};

const SizeUnit size_units[] = {
	{"KiB", 1024.0},
	{"MiB", 1024.0 * 1024},
	{"GiB", 1024.0 * 1024 * 1024},
};

struct Operator {
	const char *text;
	TokenKind kind;
};

// Longest first, so ">=" is not read as ">" followed by "=".
const Operator operators[] = {
	{">=", TokenKind::greater_equal}, {"<=", TokenKind::less_equal}, {"==", TokenKind::equal_equal},
	{"!=", TokenKind::not_equal},     {"=~", TokenKind::regex_match}, {"!~", TokenKind::regex_not_match},
	{">", TokenKind::greater},        {"<", TokenKind::less},          {"=", TokenKind::equal},
	{"(", TokenKind::left_paren},     {")", TokenKind::right_paren},   {"{", TokenKind::left_brace},
	{"}", TokenKind::right_brace},    {",", TokenKind::comma},         {"+", TokenKind::plus},
	{"-", TokenKind::minus},          {"*", TokenKind::star},          {"/", TokenKind::slash},
	{"%", TokenKind::percent},
};

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool is_letter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool is_word_char(char c) { return is_letter(c) || is_digit(c) || c == '_'; }
bool is_label_value_char(char c) { return is_word_char(c) || c == '.' || c == '-'; }

int column_of(std::size_t pos) { return static_cast<int>(pos) + 1; }

double unit_factor(const std::string &unit, int column)
{
	for (const SizeUnit &size_unit : size_units) {
		if (unit == size_unit.name)
			return size_unit.factor;
	}
	throw AssertionSyntaxError(column, "unknown unit '" + unit + "' after a number; accepted: KiB, MiB, GiB "
				   "(binary multiples, written directly after the number: 64MiB)");
}

}  // namespace

std::string describe(const Token &token)
{
	switch (token.kind) {
	case TokenKind::end:
		return "the end of the expression";
	case TokenKind::string:
		return "\"" + token.text + "\"";
	default:
		return "'" + token.text + "'";
	}
}

Token AssertionLexer::peek() const
{
	std::size_t pos = pos_;
	return scan(pos);
}

Token AssertionLexer::next()
{
	return scan(pos_);
}

Token AssertionLexer::next_label_value()
{
	pos_ = skip_space(pos_);
	if (pos_ < expr_.size() && expr_[pos_] == '"')
		return scan_string(pos_);
	std::size_t start = pos_;
	while (pos_ < expr_.size() && is_label_value_char(expr_[pos_]))
		pos_++;
	if (pos_ == start) {
		std::size_t at = start;
		throw AssertionSyntaxError(column_of(start), "expected a label value (a word such as MOVABLE or a "
					   "\"quoted string\") but found " + describe(scan(at)));
	}
	return Token{TokenKind::name, expr_.substr(start, pos_ - start), 0, column_of(start)};
}

std::size_t AssertionLexer::skip_space(std::size_t pos) const
{
	while (pos < expr_.size() && std::isspace(static_cast<unsigned char>(expr_[pos])))
		pos++;
	return pos;
}

Token AssertionLexer::scan(std::size_t &pos) const
{
	pos = skip_space(pos);
	if (pos >= expr_.size())
		return Token{TokenKind::end, "", 0, column_of(expr_.size())};
	char c = expr_[pos];
	if (is_digit(c))
		return scan_number(pos);
	if (is_letter(c) || c == '_')
		return scan_name(pos);
	if (c == '"')
		return scan_string(pos);
	return scan_operator(pos);
}

Token AssertionLexer::scan_number(std::size_t &pos) const
{
	std::size_t start = pos;
	auto digits = [&] {
		while (pos < expr_.size() && is_digit(expr_[pos]))
			pos++;
	};
	auto digit_at = [&](std::size_t at) { return at < expr_.size() && is_digit(expr_[at]); };
	digits();
	if (pos < expr_.size() && expr_[pos] == '.' && digit_at(pos + 1)) {
		pos++;
		digits();
	}
	if (pos < expr_.size() && (expr_[pos] == 'e' || expr_[pos] == 'E')) {
		std::size_t sign = pos + 1 < expr_.size() && (expr_[pos + 1] == '+' || expr_[pos + 1] == '-') ? 1 : 0;
		if (digit_at(pos + 1 + sign)) {
			pos += 1 + sign;
			digits();
		}
	}
	double value = 0;
	auto [end, error] = std::from_chars(expr_.data() + start, expr_.data() + pos, value);
	if (error != std::errc() || end != expr_.data() + pos)
		throw AssertionSyntaxError(column_of(start), "number '" + expr_.substr(start, pos - start) + "' is out of range");
	std::size_t unit_start = pos;
	while (pos < expr_.size() && is_letter(expr_[pos]))
		pos++;
	if (pos > unit_start)
		value *= unit_factor(expr_.substr(unit_start, pos - unit_start), column_of(unit_start));
	return Token{TokenKind::number, expr_.substr(start, pos - start), value, column_of(start)};
}

Token AssertionLexer::scan_name(std::size_t &pos) const
{
	std::size_t start = pos;
	while (pos < expr_.size() && is_word_char(expr_[pos]))
		pos++;
	while (pos < expr_.size() && expr_[pos] == '.') {
		std::size_t segment = pos + 1;
		if (segment >= expr_.size() || !is_word_char(expr_[segment]))
			throw AssertionSyntaxError(column_of(pos), "a name cannot end with '.': '" +
						   expr_.substr(start, segment - start) + "'");
		pos = segment;
		while (pos < expr_.size() && is_word_char(expr_[pos]))
			pos++;
	}
	return Token{TokenKind::name, expr_.substr(start, pos - start), 0, column_of(start)};
}

// Inside quotes \" is a quote and \\ a backslash; any other backslash stays as written, so
// regexes such as "\d+" need no doubling.
Token AssertionLexer::scan_string(std::size_t &pos) const
{
	std::size_t start = pos++;
	std::string contents;
	while (pos < expr_.size() && expr_[pos] != '"') {
		bool escape = expr_[pos] == '\\' && pos + 1 < expr_.size() && (expr_[pos + 1] == '"' || expr_[pos + 1] == '\\');
		if (escape)
			pos++;
		contents += expr_[pos++];
	}
	if (pos >= expr_.size())
		throw AssertionSyntaxError(column_of(start), "string is not closed: add a '\"'");
	pos++;
	return Token{TokenKind::string, contents, 0, column_of(start)};
}

Token AssertionLexer::scan_operator(std::size_t &pos) const
{
	for (const Operator &op : operators) {
		std::string_view text = op.text;
		if (expr_.compare(pos, text.size(), text) == 0) {
			Token token{op.kind, std::string(text), 0, column_of(pos)};
			pos += text.size();
			return token;
		}
	}
	throw AssertionSyntaxError(column_of(pos), std::string("unexpected character '") + expr_[pos] + "'");
}

}  // namespace kmh

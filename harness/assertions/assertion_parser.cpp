// Recursive-descent parser for the assertion grammar of docs/assertions.md.
#include "assertions/assertion_parser.h"

#include <algorithm>
#include <cctype>
#include <regex>
#include <utility>

#include "assertions/assertion_lexer.h"

namespace kmh {

namespace {

const char *const function_list = "sum, count, max, min, share, abs";

struct AggregateFunction {
	const char *name;
	Aggregation aggregation;
};

const AggregateFunction aggregate_functions[] = {
	{"sum", Aggregation::sum},
	{"count", Aggregation::count},
	{"max", Aggregation::max},
	{"min", Aggregation::min},
};

std::optional<Comparison> comparison_of(TokenKind kind)
{
	switch (kind) {
	case TokenKind::greater_equal:
		return Comparison::greater_equal;
	case TokenKind::less_equal:
		return Comparison::less_equal;
	case TokenKind::greater:
		return Comparison::greater;
	case TokenKind::less:
		return Comparison::less;
	case TokenKind::equal_equal:
		return Comparison::equal;
	case TokenKind::not_equal:
		return Comparison::not_equal;
	default:
		return std::nullopt;
	}
}

std::optional<MatchOp> match_op_of(TokenKind kind)
{
	switch (kind) {
	case TokenKind::equal:
		return MatchOp::equal;
	case TokenKind::not_equal:
		return MatchOp::not_equal;
	case TokenKind::regex_match:
		return MatchOp::regex;
	case TokenKind::regex_not_match:
		return MatchOp::not_regex;
	default:
		return std::nullopt;
	}
}

int height_of(const UnaryExpr &unary) { return unary.operand->height + 1; }
int height_of(const BinaryExpr &binary) { return std::max(binary.left->height, binary.right->height) + 1; }
int height_of(const auto &) { return 1; }

[[noreturn]] void too_deep(int column)
{
	throw AssertionSyntaxError(column, "the expression nests more than " + std::to_string(max_expression_depth) +
				   " levels deep (parentheses, function calls, unary '-' and operators each add one); "
				   "split it into several assertions");
}

ExprPtr make_expr(auto node, int column)
{
	int height = height_of(node);
	if (height > max_expression_depth)
		too_deep(column);
	return std::make_shared<const Expr>(Expr{std::move(node), column, height});
}

// One level of the parser's recursion ('(', a call, a unary '-'), refused past max_expression_depth.
class NestingLevel {
public:
	NestingLevel(int &depth, int column) : depth_(depth)
	{
		if (++depth_ > max_expression_depth)
			too_deep(column);
	}
	~NestingLevel() { depth_--; }
	NestingLevel(const NestingLevel &) = delete;
	NestingLevel &operator=(const NestingLevel &) = delete;

private:
	int &depth_;
};

// Whether a number libstdc++ reads from `pattern` (a {n} or {n,m} count, or the digits of a \N
// back-reference) has more than max_regex_count_digits digits. libstdc++ reads them into a long
// without an overflow check (undefined behaviour past 19 digits, which fuzz.assertion found); a
// count that long could never compile anyway, past its 100,000 NFA states, and a back-reference
// is refused.
bool has_overlong_regex_number(const std::string &pattern)
{
	bool counting = false;
	std::size_t digits = 0;
	for (std::size_t i = 0; i < pattern.size(); i++) {
		char c = pattern[i];
		bool digit = c >= '0' && c <= '9';
		if (c == '\\' && i + 1 < pattern.size() && !(pattern[i + 1] >= '0' && pattern[i + 1] <= '9')) {
			i++;  // an escaped character: \{ is a literal brace
			counting = false;
			continue;
		}
		digits = counting && digit ? digits + 1 : 0;
		if (digits > max_regex_count_digits)
			return true;
		counting = c == '{' || c == '\\' || (counting && (digit || c == ','));
	}
	return false;
}

void check_label_regex(const Token &value)
{
	if (value.text.size() > max_label_regex_length)
		throw AssertionSyntaxError(value.column, "the regex is " + std::to_string(value.text.size()) +
					   " characters long; a label regex may have at most " +
					   std::to_string(max_label_regex_length));
	if (has_overlong_regex_number(value.text))
		throw AssertionSyntaxError(value.column,
					   "a number in a label regex ({n,m} count or \\N) may have at most " +
					   std::to_string(max_regex_count_digits) + " digits (\"" + value.text + "\")");
}

class Parser {
public:
	explicit Parser(const std::string &expr) : lexer_(expr), text_(expr) {}

	CompiledAssertion parse_assertion();

private:
	ExprPtr parse_expr();
	ExprPtr parse_term();
	ExprPtr parse_unary();
	ExprPtr parse_primary();
	ExprPtr parse_call(const Token &function);
	ExprPtr parse_aggregate(const Token &function, Aggregation aggregation);
	ExprPtr parse_share(const Token &function);
	MetricSelector parse_selector(const Token &name);
	LabelTerm parse_label_term();
	std::optional<double> parse_tolerance(Comparison comparison);
	void parse_end();
	Token expect(TokenKind kind, const std::string &what, const std::string &usage = "");

	AssertionLexer lexer_;
	std::string text_;
	int depth_ = 0;
};

CompiledAssertion Parser::parse_assertion()
{
	if (lexer_.peek().kind == TokenKind::end)
		throw AssertionSyntaxError(1, "the expression is empty; write e.g. 'count(pcp.drain.events) > 0'");
	CompiledAssertion assertion;
	assertion.text = text_;
	assertion.lhs = parse_expr();
	Token op = lexer_.next();
	std::optional<Comparison> comparison = comparison_of(op.kind);
	if (op.kind == TokenKind::equal)
		throw AssertionSyntaxError(op.column, "'=' only matches labels; compare with '=='");
	if (!comparison)
		throw AssertionSyntaxError(op.column, "expected a comparison (>=, <=, >, <, ==, !=) after '" +
					   to_string(*assertion.lhs) + "' but found " + describe(op));
	assertion.comparison = *comparison;
	assertion.rhs = parse_expr();
	assertion.tolerance_percent = parse_tolerance(*comparison);
	parse_end();
	return assertion;
}

std::optional<double> Parser::parse_tolerance(Comparison comparison)
{
	Token within = lexer_.peek();
	if (within.kind != TokenKind::name || within.text != "within")
		return std::nullopt;
	lexer_.next();
	if (comparison != Comparison::equal && comparison != Comparison::not_equal)
		throw AssertionSyntaxError(within.column, "'within' only applies to == and !=");
	Token percent = expect(TokenKind::number, "a percentage after 'within', as in 'within 10%'");
	if (std::isalpha(static_cast<unsigned char>(percent.text.back())))
		throw AssertionSyntaxError(percent.column, "'within' takes a plain percentage, as in 'within 10%', not '" +
					   percent.text + "'");
	expect(TokenKind::percent, "'%' after 'within " + percent.text + "'");
	return percent.number;
}

void Parser::parse_end()
{
	Token extra = lexer_.next();
	if (extra.kind == TokenKind::end)
		return;
	if (comparison_of(extra.kind))
		throw AssertionSyntaxError(extra.column, "an assertion has one comparison; found a second one, " +
					   describe(extra) + " (write two assertions instead)");
	throw AssertionSyntaxError(extra.column, "unexpected " + describe(extra) + " after the assertion");
}

ExprPtr Parser::parse_expr()
{
	ExprPtr left = parse_term();
	for (;;) {
		TokenKind kind = lexer_.peek().kind;
		if (kind != TokenKind::plus && kind != TokenKind::minus)
			return left;
		lexer_.next();
		BinaryOp op = kind == TokenKind::plus ? BinaryOp::add : BinaryOp::subtract;
		int column = left->column;
		left = make_expr(BinaryExpr{op, left, parse_term()}, column);
	}
}

ExprPtr Parser::parse_term()
{
	ExprPtr left = parse_unary();
	for (;;) {
		TokenKind kind = lexer_.peek().kind;
		if (kind != TokenKind::star && kind != TokenKind::slash)
			return left;
		lexer_.next();
		BinaryOp op = kind == TokenKind::star ? BinaryOp::multiply : BinaryOp::divide;
		int column = left->column;
		left = make_expr(BinaryExpr{op, left, parse_unary()}, column);
	}
}

ExprPtr Parser::parse_unary()
{
	if (lexer_.peek().kind != TokenKind::minus)
		return parse_primary();
	Token minus = lexer_.next();
	NestingLevel level(depth_, minus.column);
	return make_expr(UnaryExpr{UnaryOp::negate, parse_unary()}, minus.column);
}

ExprPtr Parser::parse_primary()
{
	Token token = lexer_.next();
	switch (token.kind) {
	case TokenKind::number:
		return make_expr(NumberExpr{token.number, token.text}, token.column);
	case TokenKind::left_paren: {
		NestingLevel level(depth_, token.column);
		ExprPtr inner = parse_expr();
		expect(TokenKind::right_paren, "')' to close the '(' at column " + std::to_string(token.column));
		return inner;
	}
	case TokenKind::name:
		if (token.text == "within")
			throw AssertionSyntaxError(token.column, "expected a value before 'within'");
		if (lexer_.peek().kind == TokenKind::left_paren)
			return parse_call(token);
		return make_expr(MetricExpr{Aggregation::sum, false, parse_selector(token), std::nullopt}, token.column);
	default:
		throw AssertionSyntaxError(token.column, "expected a number, a metric, a function call or '(' but found " +
					   describe(token));
	}
}

ExprPtr Parser::parse_call(const Token &function)
{
	lexer_.next();
	for (const AggregateFunction &aggregate : aggregate_functions) {
		if (function.text == aggregate.name)
			return parse_aggregate(function, aggregate.aggregation);
	}
	if (function.text == "share")
		return parse_share(function);
	if (function.text == "abs") {
		NestingLevel level(depth_, function.column);
		ExprPtr operand = parse_expr();
		expect(TokenKind::right_paren, "')' to close abs(");
		return make_expr(UnaryExpr{UnaryOp::abs, operand}, function.column);
	}
	throw AssertionSyntaxError(function.column, "unknown function '" + function.text + "'; functions: " +
				   function_list);
}

ExprPtr Parser::parse_aggregate(const Token &function, Aggregation aggregation)
{
	std::string usage = function.text + "() takes one metric, as in " + function.text + "(pcp.drain.events{scope=workload})";
	Token name = expect(TokenKind::name, "a metric", usage);
	MetricSelector selector = parse_selector(name);
	expect(TokenKind::right_paren, "')'", usage);
	return make_expr(MetricExpr{aggregation, true, std::move(selector), std::nullopt}, function.column);
}

ExprPtr Parser::parse_share(const Token &function)
{
	const std::string usage = "share() takes a metric and one label term, as in "
				  "share(page.alloc.events{scope=workload}, migratetype=MOVABLE)";
	Token name = expect(TokenKind::name, "a metric", usage);
	MetricSelector selector = parse_selector(name);
	expect(TokenKind::comma, "','", usage);
	LabelTerm share_of = parse_label_term();
	expect(TokenKind::right_paren, "')'", usage);
	return make_expr(MetricExpr{Aggregation::share, true, std::move(selector), std::move(share_of)}, function.column);
}

MetricSelector Parser::parse_selector(const Token &name)
{
	if (lexer_.peek().kind == TokenKind::left_paren)
		throw AssertionSyntaxError(name.column, "expected a metric but found the call " + name.text + "(...)");
	MetricSelector selector{name.text, {}, name.column};
	if (lexer_.peek().kind != TokenKind::left_brace)
		return selector;
	lexer_.next();
	if (lexer_.peek().kind == TokenKind::right_brace) {
		lexer_.next();
		return selector;
	}
	for (;;) {
		selector.terms.push_back(parse_label_term());
		Token separator = lexer_.next();
		if (separator.kind == TokenKind::right_brace)
			return selector;
		if (separator.kind != TokenKind::comma)
			throw AssertionSyntaxError(separator.column, "expected ',' or '}' in the selector of " + name.text +
						   " but found " + describe(separator));
	}
}

LabelTerm Parser::parse_label_term()
{
	Token key = expect(TokenKind::name, "a label name such as cpu or migratetype");
	Token op = lexer_.next();
	std::optional<MatchOp> match_op = match_op_of(op.kind);
	if (!match_op)
		throw AssertionSyntaxError(op.column, "expected =, !=, =~ or !~ after label '" + key.text + "' but found " +
					   describe(op));
	Token value = lexer_.next_label_value();
	if (*match_op == MatchOp::regex || *match_op == MatchOp::not_regex)
		check_label_regex(value);
	try {
		return LabelTerm{LabelMatcher(key.text, *match_op, value.text), key.column};
	} catch (const std::regex_error &error) {
		throw AssertionSyntaxError(value.column, "invalid regex \"" + value.text + "\": " + error.what());
	}
}

// "expected <what> but found <token>", then the usage of the construct being parsed, if any.
Token Parser::expect(TokenKind kind, const std::string &what, const std::string &usage)
{
	Token token = lexer_.next();
	if (token.kind != kind)
		throw AssertionSyntaxError(token.column, "expected " + what + " but found " + describe(token) +
					   (usage.empty() ? "" : "; " + usage));
	return token;
}

}  // namespace

CompiledAssertion compile_assertion(const std::string &expr)
{
	if (expr.size() > max_expression_length)
		throw AssertionSyntaxError(static_cast<int>(max_expression_length) + 1,
					   "the expression is " + std::to_string(expr.size()) + " characters long; an "
					   "assertion may have at most " + std::to_string(max_expression_length));
	return Parser(expr).parse_assertion();
}

}  // namespace kmh

// Tests of the assertion parser: precedence, unary minus, units, functions, selectors, errors.
#include <gtest/gtest.h>

#include "assertions/assertion_parser.h"

namespace kmh {
namespace {

// The canonical text of the left-hand side of "<expr> == 0".
std::string lhs_text(const std::string &expr)
{
	return to_string(*compile_assertion(expr + " == 0").lhs);
}

int error_column(const std::string &expr)
{
	try {
		compile_assertion(expr);
	} catch (const AssertionSyntaxError &error) {
		return error.column();
	}
	return 0;
}

std::string error_text(const std::string &expr)
{
	try {
		compile_assertion(expr);
	} catch (const AssertionSyntaxError &error) {
		return error.what();
	}
	return "";
}

TEST(AssertionParser, ExamplesFromTheDocsParse)
{
	const char *examples[] = {
		"pcp.drain.events{cpu=1, scope=workload} >= 0.9 * workload.pcp_bounce.pages",
		"pcp.refill.events{cpu=0, scope=workload} == workload.bounce.pages within 10%",
		"share(page.alloc.events{scope=workload}, migratetype=MOVABLE) >= 0.95",
		"extfrag.events{alloc_migratetype=UNMOVABLE, fallback_migratetype!~\"RECLAIMABLE|MOVABLE\"} == 0",
		"meminfo.SReclaimable.delta >= 64MiB",
		"count(pcp.drain.events{scope=workload}) > 0",
	};
	for (const char *example : examples)
		EXPECT_NO_THROW(compile_assertion(example)) << example;
}

TEST(AssertionParser, ComparisonAndTolerance)
{
	CompiledAssertion a = compile_assertion("pcp.refill.events{cpu=0} == workload.bounce.pages within 10%");
	EXPECT_EQ(a.comparison, Comparison::equal);
	ASSERT_TRUE(a.tolerance_percent.has_value());
	EXPECT_DOUBLE_EQ(*a.tolerance_percent, 10);
	EXPECT_EQ(to_string(*a.lhs), "pcp.refill.events{cpu=0}");
	EXPECT_EQ(to_string(*a.rhs), "workload.bounce.pages");
	EXPECT_EQ(a.text, "pcp.refill.events{cpu=0} == workload.bounce.pages within 10%");

	EXPECT_EQ(compile_assertion("a >= b").comparison, Comparison::greater_equal);
	EXPECT_EQ(compile_assertion("a <= b").comparison, Comparison::less_equal);
	EXPECT_EQ(compile_assertion("a > b").comparison, Comparison::greater);
	EXPECT_EQ(compile_assertion("a < b").comparison, Comparison::less);
	EXPECT_EQ(compile_assertion("a != b").comparison, Comparison::not_equal);
	EXPECT_FALSE(compile_assertion("a != b").tolerance_percent.has_value());
}

TEST(AssertionParser, MultiplicationBindsTighterThanAddition)
{
	CompiledAssertion a = compile_assertion("1 + 2 * 3 == 0");
	const auto &sum = std::get<BinaryExpr>(a.lhs->node);
	EXPECT_EQ(sum.op, BinaryOp::add);
	EXPECT_EQ(std::get<BinaryExpr>(sum.right->node).op, BinaryOp::multiply);

	EXPECT_EQ(lhs_text("(1 + 2) * 3"), "(1 + 2) * 3");
	EXPECT_EQ(lhs_text("1 + (2 * 3)"), "1 + 2 * 3");
}

TEST(AssertionParser, OperatorsOfOneLevelAssociateLeft)
{
	CompiledAssertion a = compile_assertion("8 - 4 - 2 == 0");
	const auto &outer = std::get<BinaryExpr>(a.lhs->node);
	EXPECT_EQ(std::get<NumberExpr>(outer.right->node).value, 2);
	EXPECT_EQ(lhs_text("8 - (4 - 2)"), "8 - (4 - 2)");
	EXPECT_EQ(lhs_text("8 / 4 / 2"), "8 / 4 / 2");
	EXPECT_EQ(lhs_text("8 / (4 / 2)"), "8 / (4 / 2)");
}

TEST(AssertionParser, UnaryMinus)
{
	CompiledAssertion a = compile_assertion("-2 * 3 == - -x.y");
	const auto &product = std::get<BinaryExpr>(a.lhs->node);
	EXPECT_EQ(product.op, BinaryOp::multiply);
	EXPECT_EQ(std::get<UnaryExpr>(product.left->node).op, UnaryOp::negate);
	const auto &outer = std::get<UnaryExpr>(a.rhs->node);
	EXPECT_EQ(std::get<UnaryExpr>(outer.operand->node).op, UnaryOp::negate);
	EXPECT_EQ(to_string(*a.rhs), "-(-x.y)");
	EXPECT_EQ(lhs_text("-(a.b + 1)"), "-(a.b + 1)");
	EXPECT_EQ(lhs_text("1 - -2"), "1 - -2");
}

TEST(AssertionParser, NumbersKeepTheirTextAndApplyUnits)
{
	CompiledAssertion a = compile_assertion("meminfo.SReclaimable.delta >= 64MiB");
	const auto &number = std::get<NumberExpr>(a.rhs->node);
	EXPECT_DOUBLE_EQ(number.value, 64.0 * 1024 * 1024);
	EXPECT_EQ(number.text, "64MiB");
	EXPECT_DOUBLE_EQ(std::get<NumberExpr>(compile_assertion("1e6 > 0").lhs->node).value, 1e6);
}

TEST(AssertionParser, Functions)
{
	auto metric_of = [](const std::string &expr) { return std::get<MetricExpr>(compile_assertion(expr + " > 0").lhs->node); };
	EXPECT_EQ(metric_of("sum(a.b)").aggregation, Aggregation::sum);
	EXPECT_EQ(metric_of("a.b").aggregation, Aggregation::sum);
	EXPECT_EQ(metric_of("count(a.b)").aggregation, Aggregation::count);
	EXPECT_EQ(metric_of("max(a.b{cpu=1})").aggregation, Aggregation::max);
	EXPECT_EQ(metric_of("min(a.b)").aggregation, Aggregation::min);
	MetricExpr share = metric_of("share(page.alloc.events{scope=workload}, migratetype=MOVABLE)");
	EXPECT_EQ(share.aggregation, Aggregation::share);
	ASSERT_TRUE(share.share_of.has_value());
	EXPECT_EQ(share.share_of->matcher.key(), "migratetype");
	EXPECT_EQ(share.share_of->matcher.value(), "MOVABLE");

	EXPECT_EQ(lhs_text("sum(a.b)"), "sum(a.b)");
	EXPECT_EQ(lhs_text("share(a.b{scope=workload}, migratetype=MOVABLE)"), "share(a.b{scope=workload}, migratetype=MOVABLE)");
	EXPECT_EQ(lhs_text("abs(a.b - c.d)"), "abs(a.b - c.d)");
	EXPECT_EQ(std::get<UnaryExpr>(compile_assertion("abs(1) > 0").lhs->node).op, UnaryOp::abs);
}

TEST(AssertionParser, SelectorsWithEveryMatchOperator)
{
	CompiledAssertion a = compile_assertion(
		"extfrag.events{alloc_migratetype=UNMOVABLE, fallback_migratetype!~\"RECLAIMABLE|MOVABLE\", "
		"cpu!=0, order=~\"[0-3]\"} == 0");
	const MetricSelector &selector = std::get<MetricExpr>(a.lhs->node).selector;
	ASSERT_EQ(selector.terms.size(), 4u);
	EXPECT_EQ(selector.terms[0].matcher.op(), MatchOp::equal);
	EXPECT_EQ(selector.terms[1].matcher.op(), MatchOp::not_regex);
	EXPECT_EQ(selector.terms[1].matcher.value(), "RECLAIMABLE|MOVABLE");
	EXPECT_EQ(selector.terms[2].matcher.op(), MatchOp::not_equal);
	EXPECT_EQ(selector.terms[2].matcher.value(), "0");
	EXPECT_EQ(selector.terms[3].matcher.op(), MatchOp::regex);
	EXPECT_EQ(selector.terms[1].column, 45);
	EXPECT_EQ(lhs_text("a.b{cpu=1, scope=workload}"), "a.b{cpu=1,scope=workload}");
	EXPECT_EQ(lhs_text("a.b{}"), "a.b");
}

TEST(AssertionParser, MetricReferencesWithColumns)
{
	CompiledAssertion a = compile_assertion(
		"share(page.alloc.events{scope=workload}, migratetype=MOVABLE) >= 0.5 * workload.w.pages");
	std::vector<MetricReference> references = metric_references(a);
	ASSERT_EQ(references.size(), 2u);
	EXPECT_EQ(references[0].name, "page.alloc.events");
	EXPECT_EQ(references[0].column, 7);
	ASSERT_EQ(references[0].terms.size(), 2u);
	EXPECT_EQ(references[0].terms[0].column, 25);
	EXPECT_EQ(references[0].terms[1].matcher.key(), "migratetype");
	EXPECT_EQ(references[0].terms[1].column, 42);
	EXPECT_EQ(references[1].name, "workload.w.pages");
	EXPECT_EQ(references[1].column, 72);
	EXPECT_TRUE(metric_references(compile_assertion("1 > 0")).empty());
}

TEST(AssertionParser, ErrorsPointAtTheOffendingColumn)
{
	EXPECT_EQ(error_column(""), 1);
	EXPECT_EQ(error_column("a.b"), 4);                       // no comparison
	EXPECT_EQ(error_column("a.b = 1"), 5);                   // '=' is not a comparison
	EXPECT_EQ(error_column("a.b > 1 < 2"), 9);               // second comparison
	EXPECT_EQ(error_column("a.b > (1 + 2"), 13);             // unclosed paren
	EXPECT_EQ(error_column("a.b{cpu=1 scope=x} > 0"), 11);   // missing comma
	EXPECT_EQ(error_column("a.b{cpu 1} > 0"), 9);            // missing match operator
	EXPECT_EQ(error_column("a.b{cpu=~\"[\"} > 0"), 10);      // invalid regex, at the value
	EXPECT_EQ(error_column("foo(a.b) > 0"), 1);              // unknown function
	EXPECT_EQ(error_column("count(1) > 0"), 7);              // count of a number
	EXPECT_EQ(error_column("count(sum(a.b)) > 0"), 7);       // count of a call
	EXPECT_EQ(error_column("share(a.b) > 0"), 10);           // share without its label term
	EXPECT_EQ(error_column("a.b == 1 within 10"), 19);       // no '%'
	EXPECT_EQ(error_column("a.b >= 1 within 10%"), 10);      // within on >=
	EXPECT_EQ(error_column("a.b == 1 within 1MiB%"), 17);    // within with a unit
	EXPECT_EQ(error_column("a.b > * 2"), 7);
	EXPECT_EQ(error_column("a.b > 1 2"), 9);
}

TEST(AssertionParser, ErrorsSayWhatIsExpected)
{
	EXPECT_NE(error_text("a.b").find("expected a comparison (>=, <=, >, <, ==, !=)"), std::string::npos);
	EXPECT_NE(error_text("a.b = 1").find("compare with '=='"), std::string::npos);
	EXPECT_NE(error_text("foo(a.b) > 0").find("functions: sum, count, max, min, share, abs"), std::string::npos);
	EXPECT_NE(error_text("a.b > (1 + 2").find("')' to close the '(' at column 7"), std::string::npos);
	EXPECT_NE(error_text("a.b{cpu=~\"[\"} > 0").find("invalid regex \"[\""), std::string::npos);
}

// Inputs that drove the recursive parser, printer and evaluator off the stack (issue 13) are
// refused with the column where the limit is crossed; the bounds themselves parse.
TEST(AssertionParser, LongExpressionsAreRefusedBeforeParsing)
{
	std::string sum = "1";
	for (int i = 1; i < 100000; i++)
		sum += " + 1";
	EXPECT_EQ(error_column(sum + " > 0"), static_cast<int>(max_expression_length) + 1);
	EXPECT_NE(error_text(sum + " > 0").find("at most 4096"), std::string::npos);
	EXPECT_EQ(error_column(std::string(100000, '-') + "1 > 0"), static_cast<int>(max_expression_length) + 1);
	EXPECT_EQ(error_column(std::string(10000, '(') + "1" + std::string(10000, ')') + " > 0"),
		  static_cast<int>(max_expression_length) + 1);
}

TEST(AssertionParser, DeepNestingIsRefusedAtTheLevelPastTheLimit)
{
	int depth = max_expression_depth + 1;
	std::string parens = std::string(depth, '(') + "1" + std::string(depth, ')') + " > 0";
	EXPECT_EQ(error_column(parens), depth);
	EXPECT_NE(error_text(parens).find("nests more than 128 levels"), std::string::npos);
	EXPECT_EQ(error_column(std::string(depth, '-') + "1 > 0"), depth);
	std::string abs_calls;
	for (int i = 0; i < depth; i++)
		abs_calls += "abs(";
	EXPECT_EQ(error_column(abs_calls + "1" + std::string(depth, ')') + " > 0"), 4 * depth - 3);
}

TEST(AssertionParser, LongChainsOfOperatorsAreRefusedByTheTreeHeight)
{
	std::string sum = "1";
	for (int i = 0; i < max_expression_depth; i++)
		sum += "+1";
	EXPECT_NE(error_text(sum + " > 0").find("nests more than"), std::string::npos);
	std::string fits = "1";
	for (int i = 1; i < max_expression_depth; i++)
		fits += "+1";
	EXPECT_EQ(compile_assertion(fits + " > 0").lhs->height, max_expression_depth);
	std::string nested = std::string(max_expression_depth - 1, '(') + "1" + std::string(max_expression_depth - 1, ')');
	EXPECT_EQ(lhs_text(nested), "1");
}

TEST(AssertionParser, LongLabelRegexesAreRefused)
{
	std::string pattern(max_label_regex_length + 1, 'a');
	std::string expr = "a.b{cpu=~\"" + pattern + "\"} > 0";
	EXPECT_EQ(error_column(expr), 10);
	EXPECT_NE(error_text(expr).find("at most 256"), std::string::npos);
	EXPECT_NO_THROW(compile_assertion("a.b{cpu=~\"" + std::string(max_label_regex_length, 'a') + "\"} > 0"));
}

// libstdc++ reads brace counts and back-reference numbers without an overflow check (fuzz.assertion
// finds): they are refused past five digits, before the pattern reaches std::regex; an escaped brace is a literal.
TEST(AssertionParser, OverlongNumbersInLabelRegexesAreRefused)
{
	std::string expr = "a.b{cpu=~\"x{5555555555555555555555551}\"} > 0";
	EXPECT_EQ(error_column(expr), 10);
	EXPECT_NE(error_text(expr).find("at most 5 digits"), std::string::npos);
	EXPECT_NE(error_text("a.b{cpu=~\"x{1,123456}\"} > 0").find("at most 5 digits"), std::string::npos);
	EXPECT_NO_THROW(compile_assertion("a.b{cpu=~\"x{2,9999}y\"} > 0"));
	EXPECT_NO_THROW(compile_assertion("a.b{cpu=~\"x\\\\{1234567\"} > 0"));
	EXPECT_NE(error_text("a.b{cpu=~\"(a)\\5555555555555555555555\"} > 0").find("at most 5 digits"), std::string::npos);
}

}  // namespace
}  // namespace kmh

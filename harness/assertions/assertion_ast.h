// The parsed form of an assertion: an expression tree on each side of one comparison.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "metrics/label_matcher.h"

namespace kmh {

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

// One selector term with the column of its label key, e.g. cpu=1.
struct LabelTerm {
	LabelMatcher matcher;
	int column = 1;
};

// A metric name and its selector: pcp.drain.events{cpu=1, scope=workload}.
struct MetricSelector {
	std::string name;
	std::vector<LabelTerm> terms;
	int column = 1;
};

struct NumberExpr {
	double value = 0;  // size unit applied
	std::string text;  // as written: 0.9, 64MiB
};

// How the series a selector picks become one number.
enum class Aggregation {
	sum,    // a bare metric, or sum(metric)
	count,  // series whose value is not 0
	max,    // the largest single series, 0 if none
	min,    // the smallest single series, 0 if none
	share,  // sum of the series also matching share_of / sum of all picked series
};

struct MetricExpr {
	Aggregation aggregation = Aggregation::sum;
	bool written_as_call = false;  // sum(m) rather than m
	MetricSelector selector;
	std::optional<LabelTerm> share_of;  // share only
};

enum class UnaryOp { negate, abs };

struct UnaryExpr {
	UnaryOp op = UnaryOp::negate;
	ExprPtr operand;
};

enum class BinaryOp { add, subtract, multiply, divide };

struct BinaryExpr {
	BinaryOp op = BinaryOp::add;
	ExprPtr left;
	ExprPtr right;
};

struct Expr {
	std::variant<NumberExpr, MetricExpr, UnaryExpr, BinaryExpr> node;
	int column = 1;
	int height = 1;  // levels from this node down (1: a number or a metric); the parser bounds it
};

enum class Comparison { greater_equal, less_equal, greater, less, equal, not_equal };

// A whole assertion; immutable once compiled, cheap to copy, regexes compiled once.
struct CompiledAssertion {
	std::string text;
	ExprPtr lhs;
	Comparison comparison = Comparison::equal;
	ExprPtr rhs;
	std::optional<double> tolerance_percent;  // "within 10%": == and != only
};

// A metric the assertion reads, for validation: where its name and each label key stand.
struct MetricReference {
	std::string name;
	int column = 1;
	std::vector<LabelTerm> terms;  // the selector's terms and, for share(), its extra term
};

std::vector<MetricReference> metric_references(const CompiledAssertion &assertion);

// Canonical text: "0.9 * workload.x.pages", "pcp.drain.events{cpu=1,scope=workload}".
std::string to_string(const Expr &expr);
std::string to_string(const MetricSelector &selector);
const char *to_string(Comparison comparison);

}  // namespace kmh

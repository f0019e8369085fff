// Walking an assertion's left-hand side to the unit its metrics share.
#include "assertions/observed_unit.h"

#include <stdexcept>

#include "assertions/assertion_parser.h"
#include "assertions/overloaded.h"
#include "metrics/catalog.h"

namespace kmh {

namespace {

std::string unit_of(const Expr &expr);

bool is_number(const Expr &expr)
{
	return std::holds_alternative<NumberExpr>(expr.node);
}

std::string metric_unit(const MetricExpr &metric)
{
	if (metric.aggregation == Aggregation::count || metric.aggregation == Aggregation::share)
		return "";
	const MetricFamily *family = find_metric_family(metric.selector.name);
	return family ? family->unit : "";
}

// A sum or difference keeps a unit both sides share (a number has none to disagree with); a product
// or quotient keeps it only when the other side is a plain number.
std::string binary_unit(const BinaryExpr &binary)
{
	std::string left = unit_of(*binary.left);
	std::string right = unit_of(*binary.right);
	bool additive = binary.op == BinaryOp::add || binary.op == BinaryOp::subtract;
	if (additive && (left == right || is_number(*binary.right)))
		return left;
	if (additive && is_number(*binary.left))
		return right;
	if (is_number(*binary.right))
		return left;
	if (binary.op == BinaryOp::multiply && is_number(*binary.left))
		return right;
	return "";
}

std::string unit_of(const Expr &expr)
{
	return std::visit(overloaded{ [](const NumberExpr &) { return std::string(); },
				      [](const MetricExpr &metric) { return metric_unit(metric); },
				      [](const UnaryExpr &unary) { return unit_of(*unary.operand); },
				      [](const BinaryExpr &binary) { return binary_unit(binary); } },
			  expr.node);
}

}  // namespace

std::string observed_unit(const std::string &expr)
{
	try {
		return unit_of(*compile_assertion(expr).lhs);
	} catch (const std::exception &) {  // a syntax error, or a label regex that does not compile
		return "";
	}
}

}  // namespace kmh

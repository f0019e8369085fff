// Walking the assertion tree: the metrics it reads and its canonical text.
#include "assertions/assertion_ast.h"

#include "assertions/overloaded.h"

namespace kmh {

namespace {

enum Precedence { additive = 1, multiplicative = 2, negation = 3, primary = 4 };

int precedence(const Expr &expr)
{
	return std::visit(overloaded{
		[](const BinaryExpr &b) {
			bool additive_op = b.op == BinaryOp::add || b.op == BinaryOp::subtract;
			return static_cast<int>(additive_op ? additive : multiplicative);
		},
		[](const UnaryExpr &u) { return static_cast<int>(u.op == UnaryOp::negate ? negation : primary); },
		[](const auto &) { return static_cast<int>(primary); },
	}, expr.node);
}

std::string parenthesized_if(bool needed, const Expr &expr)
{
	return needed ? "(" + to_string(expr) + ")" : to_string(expr);
}

const char *binary_op_text(BinaryOp op)
{
	switch (op) {
	case BinaryOp::add:
		return " + ";
	case BinaryOp::subtract:
		return " - ";
	case BinaryOp::multiply:
		return " * ";
	case BinaryOp::divide:
		return " / ";
	}
	return " ? ";
}

const char *aggregation_name(Aggregation aggregation)
{
	switch (aggregation) {
	case Aggregation::sum:
		return "sum";
	case Aggregation::count:
		return "count";
	case Aggregation::max:
		return "max";
	case Aggregation::min:
		return "min";
	case Aggregation::share:
		return "share";
	}
	return "?";
}

std::string binary_text(const BinaryExpr &b)
{
	int own = b.op == BinaryOp::add || b.op == BinaryOp::subtract ? additive : multiplicative;
	bool right_needs_parens = precedence(*b.right) < own ||
				  (precedence(*b.right) == own && (b.op == BinaryOp::subtract || b.op == BinaryOp::divide));
	return parenthesized_if(precedence(*b.left) < own, *b.left) + binary_op_text(b.op) +
	       parenthesized_if(right_needs_parens, *b.right);
}

std::string metric_text(const MetricExpr &m)
{
	std::string selector = to_string(m.selector);
	if (m.aggregation == Aggregation::share)
		return "share(" + selector + ", " + m.share_of->matcher.to_string() + ")";
	if (m.aggregation == Aggregation::sum && !m.written_as_call)
		return selector;
	return std::string(aggregation_name(m.aggregation)) + "(" + selector + ")";
}

void collect_references(const Expr &expr, std::vector<MetricReference> &references)
{
	std::visit(overloaded{
		[&](const MetricExpr &m) {
			MetricReference reference{m.selector.name, m.selector.column, m.selector.terms};
			if (m.share_of)
				reference.terms.push_back(*m.share_of);
			references.push_back(std::move(reference));
		},
		[&](const UnaryExpr &u) { collect_references(*u.operand, references); },
		[&](const BinaryExpr &b) {
			collect_references(*b.left, references);
			collect_references(*b.right, references);
		},
		[](const NumberExpr &) {},
	}, expr.node);
}

}  // namespace

std::vector<MetricReference> metric_references(const CompiledAssertion &assertion)
{
	std::vector<MetricReference> references;
	collect_references(*assertion.lhs, references);
	collect_references(*assertion.rhs, references);
	return references;
}

std::string to_string(const MetricSelector &selector)
{
	if (selector.terms.empty())
		return selector.name;
	std::string text = selector.name + "{";
	for (std::size_t i = 0; i < selector.terms.size(); i++)
		text += (i ? "," : "") + selector.terms[i].matcher.to_string();
	return text + "}";
}

std::string to_string(const Expr &expr)
{
	return std::visit(overloaded{
		[](const NumberExpr &n) { return n.text; },
		[](const MetricExpr &m) { return metric_text(m); },
		[](const UnaryExpr &u) {
			if (u.op == UnaryOp::abs)
				return "abs(" + to_string(*u.operand) + ")";
			return "-" + parenthesized_if(precedence(*u.operand) <= negation, *u.operand);
		},
		[](const BinaryExpr &b) { return binary_text(b); },
	}, expr.node);
}

const char *to_string(Comparison comparison)
{
	switch (comparison) {
	case Comparison::greater_equal:
		return ">=";
	case Comparison::less_equal:
		return "<=";
	case Comparison::greater:
		return ">";
	case Comparison::less:
		return "<";
	case Comparison::equal:
		return "==";
	case Comparison::not_equal:
		return "!=";
	}
	return "?";
}

}  // namespace kmh

// First against second run of a round: the carry-over a balanced order spreads over both sides, made visible.
#include "compare/order_effects.h"

#include <fmt/format.h>

#include "compare/statistics.h"

namespace kmh {

namespace {

void split_by_position(const std::vector<double> &values, char side, const RunOrder &order, std::vector<double> &first,
		       std::vector<double> &second)
{
	for (std::size_t round = 0; round < values.size() && round < order.rounds.size(); ++round)
		(order.position(side, round) == 0 ? first : second).push_back(values[round]);
}

SampleComparison position_samples(const MetricComparison &row, const RunOrder &order)
{
	std::vector<double> first;
	std::vector<double> second;
	split_by_position(row.stats.baseline, 'A', order, first, second);
	split_by_position(row.stats.candidate, 'B', order, first, second);
	return compare_samples(row.name, first, second);
}

std::string effect_line(const MetricComparison &row)
{
	const SampleComparison &position = *row.position;
	std::string consequence = row.stats.decision == Decision::changed
					  ? "the A/B change of this row may be the order's doing: check it with a fresh guest per run"
					  : fmt::format("A/B: {}, so the difference between runs is their position, not their side",
							to_string(row.stats.verdict));
	return fmt::format("position effect: {} is {} in the first run of a round and {} in the second ({:+.2f}%, "
			   "interval {:+.2f}% .. {:+.2f}%, p={:.3g} ({}), q={:.3g}), whatever the side; {}",
			   row.selector(), fmt::format("{:.4g}", position.a.mean), fmt::format("{:.4g}", position.b.mean),
			   position.percent_change, position.relative_low, position.relative_high, position.p_value,
			   p_method_text(position.test, position.mann_whitney), position.q_value, consequence);
}

}  // namespace

void test_positions(std::vector<MetricComparison> &rows, const RunOrder &order, const MinEffect &min_effect)
{
	std::vector<double> p_values;
	for (MetricComparison &row : rows) {
		row.position = position_samples(row, order);
		p_values.push_back(row.position->p_value);
	}
	std::vector<double> q_values = benjamini_hochberg(p_values);
	for (std::size_t i = 0; i < rows.size(); ++i)
		decide(*rows[i].position, rows[i].name, q_values[i], {default_alpha, min_effect.for_metric(rows[i].name)});
}

std::vector<const MetricComparison *> position_effect_rows(const std::vector<MetricComparison> &rows)
{
	std::vector<const MetricComparison *> found;
	for (const MetricComparison &row : rows)
		if (row.position && row.position->decision == Decision::changed && row.position->test == TestKind::mann_whitney)
			found.push_back(&row);
	return found;
}

std::vector<std::string> order_lines(const std::vector<MetricComparison> &rows, const RunOrder &order)
{
	std::vector<std::string> lines;
	std::string seed = order.seed ? fmt::format(", seed {}", *order.seed) : "";
	lines.push_back(fmt::format("order: {}{}, {} rounds: {}", order.method, seed, order.rounds.size(), fmt::join(order.rounds, " ")));
	std::vector<const MetricComparison *> effects = position_effect_rows(rows);
	if (effects.empty())
		lines.push_back("position test (first against second run of each round, whatever the side): no row differs");
	for (const MetricComparison *row : effects)
		lines.push_back(effect_line(*row));
	if (!order.stop.empty())
		lines.push_back(order.stop);
	lines.push_back(order.reset.empty() ? "reset before each run: nothing (each run boots a fresh guest)"
					    : fmt::format("reset before each run: {}", fmt::join(order.reset, "; ")));
	if (!order.not_reset.empty())
		lines.push_back(fmt::format("not reset (carries over from one run to the next): {}", fmt::join(order.not_reset, "; ")));
	if (!order.not_reset.empty())
		lines.push_back("for state-sensitive comparisons run a fresh guest per run: `ab --kernel IMAGE` (once, the same "
				"image for both sides) with --cmdline-a/--cmdline-b or --sysctl-a/--sysctl-b applied inside the guest");
	return lines;
}

}  // namespace kmh

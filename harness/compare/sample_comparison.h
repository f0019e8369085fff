// One metric's baseline and candidate samples, their statistics and the verdict drawn from them.
#pragma once

#include <string>
#include <vector>

#include "compare/metric_direction.h"
#include "compare/statistics.h"

namespace kmh {

inline constexpr double default_alpha = 0.05;
inline constexpr double default_min_effect_percent = 1.0;
// The interval that decides "same": 1 - 2 alpha, as in Schuirmann's two one-sided tests (TOST).
inline constexpr double same_interval_confidence = 1 - 2 * default_alpha;

// mann_whitney: the p-value decides; deterministic: no run varies on either side, so the change
// (or its absence) is certain and no test is made; none: nothing to test.
enum class TestKind { none, mann_whitney, deterministic };
// The three verdicts a series can get.
enum class Decision { changed, same, undecided };
// What the reports print: the decision with its detail (why same or undecided, which way changed).
enum class ChangeVerdict { identical, too_few_runs, same, undecided, improved, regressed, changed };

const char *to_string(TestKind test);
const char *to_string(Decision decision);
const char *to_string(ChangeVerdict verdict);
// "exact" or "normal approximation"; "-" when no test was made.
const char *p_method_text(TestKind test, const MannWhitneyResult &mann_whitney);

struct SampleComparison {
	std::vector<double> baseline;  // one value per run
	std::vector<double> candidate;
	SampleSummary a;
	SampleSummary b;
	double difference = 0;      // mean(candidate) - mean(baseline)
	double percent_change = 0;  // difference / |mean(baseline)| * 100; +-inf when the baseline is 0
	MannWhitneyResult mann_whitney;
	// The relative change, Hodges-Lehmann style, in percent: the estimate and its interval at
	// interval_coverage (>= same_interval_confidence). Of log values (the ratio B/A) when every value
	// is > 0, else of the shift divided by |median(A)|.
	double relative_change = 0;
	double relative_low = 0;
	double relative_high = 0;
	double interval_coverage = 0;
	TestKind test = TestKind::none;  // what the verdict rests on
	double p_value = 1;              // the test's p-value; NaN when no test was made
	double q_value = 1;              // Benjamini-Hochberg across the report's family; NaN likewise
	bool significant = false;        // q_value <= alpha
	double min_effect_percent = default_min_effect_percent;
	Decision decision = Decision::same;
	ChangeVerdict verdict = ChangeVerdict::identical;
};

struct DecisionRules {
	double alpha = default_alpha;
	double min_effect_percent = default_min_effect_percent;
};

// All statistics of the two samples, decided with q = p (a family of one) and the default rules.
SampleComparison compare_samples(const std::string &metric_name, std::vector<double> baseline,
				 std::vector<double> candidate);

// Decides with the given q-value (from the family the comparison belongs to) and rules:
// changed when q <= alpha and |relative change| >= min effect (deterministic: no q needed);
// same when the interval lies strictly inside +-min effect (or every value is equal);
// undecided otherwise.
void decide(SampleComparison &stats, const std::string &metric_name, double q_value, const DecisionRules &rules);

}  // namespace kmh

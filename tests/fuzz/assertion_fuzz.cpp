// libFuzzer target: any bytes as an assertion expression, compiled, printed and evaluated.
#include <cstddef>
#include <cstdint>
#include <string>

#include "assertions/assertion_evaluator.h"
#include "assertions/assertion_parser.h"
#include "metrics/metric_store.h"

namespace {

// A few series of the shapes collectors produce, so selectors and regexes have labels to match.
const kmh::MetricStore &sample_store()
{
	static const kmh::MetricStore store = [] {
		kmh::MetricStore metrics;
		metrics.add("pcp.drain.events", {{"cpu", "1"}, {"scope", "workload"}}, 525587);
		metrics.add("pcp.drain.events", {{"cpu", "0"}, {"scope", "system"}}, 12);
		metrics.add("page.alloc.events", {{"migratetype", "MOVABLE"}, {"order", "0"}}, 1000);
		metrics.add("workload.bounce.pages", {}, 524288);
		return metrics;
	}();
	return store;
}

}  // namespace

// Every input compiles or throws AssertionSyntaxError; a compiled one evaluates (its sides
// printed into the detail) to a verdict. Anything else is reported by libFuzzer as a crash.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	std::string text(reinterpret_cast<const char *>(data), size);
	try {
		kmh::CompiledAssertion assertion = kmh::compile_assertion(text);
		kmh::evaluate_assertion(assertion, kmh::AssertionSpec{}, sample_store());
	} catch (const kmh::AssertionSyntaxError &) {
	}
	return 0;
}

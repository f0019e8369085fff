// libFuzzer target: any bytes as a scenario file, parsed and validated as `kmemharness validate` does.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "assertions/assertion_validator.h"
#include "common/error.h"
#include "scenario/scenario_parser.h"
#include "workloads/workload.h"

// Every input ends in a Scenario or a kmh::Error (exit 2); anything else escapes and is reported
// by libFuzzer as a crash, as are stack overflows, leaks and undefined behaviour.
namespace {

// Every collector (KMH_FUZZ_COLLECTORS, from bpf/*.bpf.c), accepted and on by default, so the
// corpus's [collect] tables and the assertions over their metrics get past the parser.
kmh::CollectorNames fuzz_collectors()
{
	kmh::CollectorNames names;
	std::istringstream list(KMH_FUZZ_COLLECTORS);
	for (std::string name; std::getline(list, name, ',');)
		names.accepted.push_back(name);
	names.defaults = names.accepted;
	return names;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	static const std::vector<std::string> kinds = kmh::workload_kinds();
	static const kmh::CollectorNames collectors = fuzz_collectors();
	std::string text(reinterpret_cast<const char *>(data), size);
	try {
		kmh::Scenario scenario =
			kmh::parse_scenario_text(text, "fuzz.toml", kmh::find_workload_schema, kinds, collectors);
		kmh::validate_assertions(scenario, kmh::find_workload_schema);
	} catch (const kmh::Error &) {
	}
	return 0;
}

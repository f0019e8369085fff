// libFuzzer target: any bytes as a scenario file, parsed and validated as `kmemharness validate` does.
#include <cstddef>
#include <cstdint>
#include <string>

#include "assertions/assertion_validator.h"
#include "common/error.h"
#include "scenario/scenario_parser.h"
#include "scenario/workload_lookup.h"
#include "workloads/workload.h"

// Every input ends in a Scenario or a kmh::Error (exit 2); anything else escapes and is reported
// by libFuzzer as a crash, as are stack overflows, leaks and undefined behaviour.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	static const std::vector<std::string> kinds = kmh::workload_kinds(kmh::workload_registry());
	std::string text(reinterpret_cast<const char *>(data), size);
	try {
		kmh::Scenario scenario = kmh::parse_scenario_text(text, "fuzz.toml", kmh::find_workload, kinds);
		kmh::validate_assertions(scenario, kmh::find_workload);
	} catch (const kmh::Error &) {
	}
	return 0;
}

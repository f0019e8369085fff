// One run per suite: the scenario's few seconds spent once, not once per test.
#include "suite_run.h"

#include "kmemharness_run.h"

namespace kmh::integration {

SuiteRun::SuiteRun(const std::string &scenario_file, const std::string &output)
	: output_dir(scratch / output),
	  outcome(run_kmemharness({"run", shipped_scenario(scenario_file), "--output", output_dir}))
{
}

std::size_t occurrences(const std::string &text, const std::string &needle)
{
	std::size_t found = 0;
	for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size()))
		found++;
	return found;
}

}  // namespace kmh::integration

// The binary and scenario paths come from CMake (KMH_BINARY, KMH_SOURCE_DIR, KMH_TEST_SCENARIOS).
#include "kmemharness_run.h"

#include <cstdlib>

namespace kmh::integration {

std::string kmemharness_binary()
{
	return KMH_BINARY;
}

std::string test_scenario(const std::string &file)
{
	return std::string(KMH_TEST_SCENARIOS) + "/" + file;
}

std::string shipped_scenario(const std::string &file)
{
	return std::string(KMH_SOURCE_DIR) + "/scenarios/" + file;
}

ProcessOutcome run_kmemharness(const std::vector<std::string> &args, std::chrono::seconds limit)
{
	std::vector<std::string> argv{kmemharness_binary()};
	argv.insert(argv.end(), args.begin(), args.end());
	return run_process(argv, limit);
}

std::string describe(const ProcessOutcome &outcome)
{
	std::string how = outcome.term_signal ? "killed by signal " + std::to_string(outcome.term_signal)
					      : "exit " + std::to_string(outcome.exit_code);
	if (outcome.timed_out)
		how += " (outlived its time limit)";
	return how + "\n--- stdout:\n" + outcome.out + "--- stderr:\n" + outcome.err;
}

bool bpf_required()
{
	const char *value = std::getenv("KMEMHARNESS_REQUIRE_BPF");
	return value && std::string(value) == "1";
}

std::optional<std::string> environment_gap(const ProcessOutcome &outcome)
{
	if (outcome.exit_code != exit_status::environment)
		return std::nullopt;
	return "kmemharness exited 3 (environment cannot run it): " + outcome.err;
}

}  // namespace kmh::integration

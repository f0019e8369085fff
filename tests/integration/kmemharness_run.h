// Running the kmemharness binary from a test, the scenario paths, and the one capability rule.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "harness_process.h"

namespace kmh::integration {

// The exit codes kmemharness promises (docs/results.md); spelled out here so the tests check the contract.
namespace exit_status {
inline constexpr int passed = 0;
inline constexpr int assertion_failed = 1;
inline constexpr int invalid_input = 2;
inline constexpr int environment = 3;
inline constexpr int run_failed = 4;
}  // namespace exit_status

std::string kmemharness_binary();
// A scenario made for these tests (tests/integration/scenarios/<file>).
std::string test_scenario(const std::string &file);
// A scenario shipped to users (scenarios/<file>).
std::string shipped_scenario(const std::string &file);

// Runs `kmemharness args...` to its end, at most `limit`.
ProcessOutcome run_kmemharness(const std::vector<std::string> &args,
			       std::chrono::seconds limit = std::chrono::seconds(60));

// Exit status, stdout and stderr as one text, for assertion messages.
std::string describe(const ProcessOutcome &outcome);

// True when KMEMHARNESS_REQUIRE_BPF=1: an environment that cannot run the tests is then a failure.
bool bpf_required();

// Why this environment cannot run kmemharness (its stderr), when it exited with 3; nothing otherwise.
std::optional<std::string> environment_gap(const ProcessOutcome &outcome);

}  // namespace kmh::integration

// The capability rule, written once: when `gap` holds a reason, the test is skipped with it,
// unless KMEMHARNESS_REQUIRE_BPF=1 (CI), where it fails. A macro because GTEST_SKIP and FAIL
// return from the test body itself.
#define KMH_SKIP_OR_FAIL_IF(gap)                                                                           \
	do {                                                                                               \
		if (std::optional<std::string> kmh_gap_ = (gap)) {                                         \
			if (::kmh::integration::bpf_required())                                            \
				FAIL() << "KMEMHARNESS_REQUIRE_BPF=1, but this environment cannot run the test: " \
				       << *kmh_gap_;                                                       \
			GTEST_SKIP() << *kmh_gap_;                                                         \
		}                                                                                          \
	} while (0)

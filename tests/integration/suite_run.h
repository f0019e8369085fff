// A real run of a shipped scenario made once and shared by the tests of a suite, and counting in the texts they check.
#pragma once

#include <cstddef>
#include <string>

#include "harness_process.h"
#include "scratch_dir.h"

namespace kmh::integration {

struct SuiteRun {
	// Runs `kmemharness run scenarios/<scenario_file> --output <scratch>/<output>`.
	SuiteRun(const std::string &scenario_file, const std::string &output);

	ScratchDir scratch;
	std::string output_dir;
	ProcessOutcome outcome;
};

// How many times `needle` occurs in `text`, without overlaps.
std::size_t occurrences(const std::string &text, const std::string &needle);

}  // namespace kmh::integration

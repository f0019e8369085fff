// Turning a RunResult into a matrix cell: verdict, seconds and the few lines a grid shows for it.
#include "matrix/cell_outcome.h"

#include <fmt/format.h>

namespace kmh {

namespace {

constexpr std::size_t detail_lines = 12;  // a crash's reason and the start of its console excerpt

CellVerdict verdict_of(ExitCode code)
{
	switch (code) {
	case ExitCode::passed:
		return CellVerdict::pass;
	case ExitCode::assertion_failed:
		return CellVerdict::fail;
	case ExitCode::environment:
		return CellVerdict::skip;
	case ExitCode::kernel_crashed:
		return CellVerdict::crash;
	case ExitCode::invalid_input:
	case ExitCode::run_failed:
		break;
	}
	return CellVerdict::error;
}

std::vector<std::string> failed_assertions(const RunResult &result)
{
	std::vector<std::string> lines;
	for (const AssertionResult &assertion : result.assertions) {
		if (assertion.verdict == Verdict::pass)
			continue;
		std::string line = fmt::format("{}: observed {:.6g}, expected {}", assertion.name, assertion.observed,
					       assertion.expected_text);
		if (assertion.verdict == Verdict::error)
			line = fmt::format("{}: could not be evaluated: {}", assertion.name, assertion.detail);
		lines.push_back(line);
	}
	return lines;
}

std::vector<std::string> first_errors(const RunResult &result)
{
	std::size_t count = std::min(result.errors.size(), detail_lines);
	return std::vector<std::string>(result.errors.begin(), result.errors.begin() + static_cast<std::ptrdiff_t>(count));
}

}  // namespace

MatrixCell cell_outcome(const RunResult &result)
{
	MatrixCell cell;
	cell.exit_code = result.exit_code;
	cell.verdict = verdict_of(result.exit_code);
	cell.seconds = total_seconds(result);
	cell.details = failed_assertions(result);
	std::vector<std::string> errors = first_errors(result);
	cell.details.insert(cell.details.end(), errors.begin(), errors.end());
	cell.run = result;
	return cell;
}

}  // namespace kmh

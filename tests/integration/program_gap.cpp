// The tests' capability check for programs, worded from the same table as the harness's hints.
#include "program_gap.h"

#include "common/external_programs.h"

namespace kmh::integration {

std::optional<std::string> program_gap(const std::string &program)
{
	if (find_program(program))
		return std::nullopt;
	return program + " is not installed: " + install_hint(program);
}

}  // namespace kmh::integration

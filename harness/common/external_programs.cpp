// The program → Debian package table generated from scripts/external-programs.tsv, and PATH look-ups that word their hint from it.
#include "common/external_programs.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "common/error.h"

namespace kmh {

const std::vector<ExternalProgram> &external_programs()
{
	static const std::vector<ExternalProgram> table = {
#include "external_programs.inc"
	};
	return table;
}

std::optional<std::string> debian_package_of(const std::string &program)
{
	for (const ExternalProgram &row : external_programs())
		if (row.program == program)
			return row.package;
	return std::nullopt;
}

std::string install_hint(const std::string &program)
{
	std::optional<std::string> package = debian_package_of(program);
	if (!package)
		throw std::logic_error("'" + program + "' is not listed in scripts/external-programs.tsv");
	return "install it with `apt-get install " + *package + "`";
}

std::optional<std::string> find_program(const std::string &program)
{
	const char *path = std::getenv("PATH");
	std::istringstream directories(path ? path : "/usr/bin:/bin");
	std::string directory;
	while (std::getline(directories, directory, ':')) {
		std::filesystem::path candidate = std::filesystem::path(directory.empty() ? "." : directory) / program;
		if (access(candidate.c_str(), X_OK) == 0)
			return candidate.string();
	}
	return std::nullopt;
}

std::string require_program(const std::string &program)
{
	std::optional<std::string> path = find_program(program);
	if (!path)
		throw environment_error("'" + program + "' is not in PATH: " + install_hint(program));
	return *path;
}

}  // namespace kmh

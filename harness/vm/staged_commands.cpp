// Finding required commands in the host's PATH, with their shared libraries, for the initramfs.
#include "vm/staged_commands.h"

#include <algorithm>
#include <optional>

#include "common/error.h"
#include "common/external_programs.h"
#include "vm/shared_libraries.h"

namespace kmh {

namespace {

void add_once(std::vector<std::string> &files, const std::string &file)
{
	if (std::find(files.begin(), files.end(), file) == files.end())
		files.push_back(file);
}

}  // namespace

std::vector<std::string> required_command_files(const std::vector<std::string> &commands)
{
	std::vector<std::string> files;
	for (const std::string &command : commands) {
		std::optional<std::string> program = find_program(command);
		if (!program)
			throw environment_error("the scenario requires the command '" + command + "', which is not in "
						"PATH on this machine to be copied into the guest: install it here");
		add_once(files, *program);
		for (const std::string &library : shared_libraries_of(*program))
			add_once(files, library);
	}
	return files;
}

}  // namespace kmh

// The programs a scenario's [requires] commands names, found on the host to be copied into a guest.
#pragma once

#include <string>
#include <vector>

namespace kmh {

// For each command, the file PATH finds for it here and the shared libraries (and dynamic loader)
// ldd lists for it, each once: what the initramfs must hold, at the same paths, for the command to
// run in the guest. Throws environment_error naming a command that is not in PATH or a library
// that ldd cannot find.
std::vector<std::string> required_command_files(const std::vector<std::string> &commands);

}  // namespace kmh

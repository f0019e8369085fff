// Checking, before anything runs, that a result folder can be created and written.
#pragma once

#include <string>

namespace kmh {

// `dir` (named by `origin`, e.g. "--output") can be the result folder: no name in it longer than
// the file system allows, nothing on the way that is a file, and the folder, or the nearest
// folder above it that exists, writable by this process (tried: a probe folder is created and
// removed). Creates nothing. Throws invalid_input (exit 2) for a path that cannot be a folder,
// environment_error (exit 3) for one this user or this mount cannot write.
void check_output_folder(const std::string &dir, const std::string &origin);

}  // namespace kmh

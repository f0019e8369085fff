// Creating a folder no other process can be given too: the first free name of base, base-2, base-3, …
#pragma once

#include <string>

namespace kmh {

// Creates the missing parents of `base`, then `base` itself with mkdir(2), which fails when the
// folder exists (another run made it, maybe in the same second); then `base-2`, `base-3`, … until
// one is created. Returns the folder created. Throws environment_error naming the folder when it
// cannot be created for another reason.
std::string create_unique_dir(const std::string &base);

}  // namespace kmh

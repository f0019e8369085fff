// The name of the machine the harness runs on (uname -n): who ran a matrix, which host booted a guest.
#pragma once

#include <string>

namespace kmh {

std::string host_name();

}  // namespace kmh

// What machine and kernel a run happened on, for result.json.
#pragma once

#include "report/run_result.h"

namespace kmh {

SystemInfo read_system_info();

}  // namespace kmh

// The original values of the sysctls a run changed, kept under /run until they are restored.
#pragma once

#include <string>
#include <vector>

#include "report/run_result.h"

namespace kmh {

// <machine_state_dir>/sysctls.json.
std::string sysctl_journal_path();

// Adds `change` (its `before` is what to restore) to the journal at `path`. The journal is
// written whole to a temporary file and renamed, so a kill leaves the old or the new journal.
// Throws environment_error naming the file when it cannot be written.
void journal_sysctl(const std::string &path, const SysctlChange &change);

// The journal's changes in the order they were made; none when there is no journal. Throws
// environment_error when the file is not a journal.
std::vector<SysctlChange> read_sysctl_journal(const std::string &path);

// Removes the journal once every change in it has been undone.
void remove_sysctl_journal(const std::string &path);

}  // namespace kmh

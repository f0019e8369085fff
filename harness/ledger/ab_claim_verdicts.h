// Claims decided by an A/B of their scenario on one kernel: a `kmemharness ab` folder's runs against the claim's sides and change.
#pragma once

#include <string>
#include <vector>

#include "compare/run_set.h"
#include "ledger/claim.h"
#include "ledger/claim_cell.h"

namespace kmh {

// A `kmemharness ab` output folder: the runs of its A/ and B/ sides, both on one kernel.
struct AbFolder {
	std::string dir;
	std::string scenario_file;  // the file name its runs ran, e.g. extfrag_fallback.toml
	std::string release;        // the kernel both sides ran on
	RunSet a;
	RunSet b;
};

// Reads each folder (its compare.json marks it as ab's, A/ and B/ hold the runs). Throws
// invalid_input naming the folder when it is not an ab folder, when its sides ran different
// scenarios or more than one kernel, and when two folders ran one scenario on one kernel.
std::vector<AbFolder> read_ab_folders(const std::vector<std::string> &dirs);

// The claim (with ab_change) on the kernel `release`, from the folder of its scenario on that
// kernel: holds when the gate rule ab_change finds its change; does not hold when the change is
// decided otherwise (same, or changed the other way or by less); cannot be tested when there is
// no such folder, its runs did not set the claim's sysctls, or the change is undecided.
ClaimCell decide_ab_claim(const Claim &claim, const std::vector<AbFolder> &folders, const std::string &release);

}  // namespace kmh

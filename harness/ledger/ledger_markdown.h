// docs/kernel-truth.md: the claims ledger as Markdown, a table of verdicts and each claim's figures.
#pragma once

#include <string>

#include "ledger/claim_verdicts.h"

namespace kmh {

// `command` is the command line that made it, written into the page so anyone can remake it.
std::string ledger_markdown(const Ledger &ledger, const std::string &command);

}  // namespace kmh

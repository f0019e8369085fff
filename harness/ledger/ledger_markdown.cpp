// docs/kernel-truth.md: the claims ledger as Markdown, a table of verdicts and each claim's figures.
#include "ledger/ledger_markdown.h"

#include <fmt/format.h>

#include "report/markdown_cell.h"

namespace kmh {

namespace {

std::string kernel_name(const LedgerKernel &kernel)
{
	return kernel.release + (kernel.host ? " (host)" : "");
}

// How an A/B claim is tested: its sides and the change it must find.
std::string ab_text(const Claim &claim)
{
	if (claim.ab_change.empty())
		return "";
	auto side = [](const std::vector<std::string> &sysctls) {
		return sysctls.empty() ? std::string("nothing set") : "`" + fmt::format("{}", fmt::join(sysctls, "`, `")) + "`";
	};
	return " in an A/B on each kernel (`kmemharness ab`), A " + side(claim.ab_sysctl_a) + ", B " +
	       side(claim.ab_sysctl_b) + ", finding `" + claim.ab_change + "`";
}

std::string verdict_table(const Ledger &ledger)
{
	std::string text = "| # | claim | scenario |";
	std::string rule = "|---|---|---|";
	for (const LedgerKernel &kernel : ledger.kernels) {
		text += " " + markdown_cell(kernel_name(kernel)) + " |";
		rule += "---|";
	}
	text += "\n" + rule + "\n";
	for (std::size_t c = 0; c < ledger.claims.size(); c++) {
		const Claim &claim = ledger.claims[c];
		text += fmt::format("| [{}](#claim-{}) | {} | {}{} |", claim.id, claim.id, markdown_cell(claim.text),
				    claim.scenario.empty() ? "—" : "`" + claim.scenario + "`",
				    claim.ab_change.empty() ? "" : " (A/B)");
		for (const ClaimCell &cell : ledger.cells[c])
			text += std::string(" ") + claim_verdict_text(cell.verdict) + " |";
		text += "\n";
	}
	return text;
}

std::string claim_section(const Ledger &ledger, std::size_t c)
{
	const Claim &claim = ledger.claims[c];
	std::string text = fmt::format("\n<a id=\"claim-{}\"></a>\n### {}. {}\n\nSource: {}.", claim.id, claim.id,
				       claim.text, claim.source);
	text += claim.scenario.empty() ? "" : " Tested by `scenarios/" + claim.scenario + "`" + ab_text(claim) + ".";
	text += claim.note.empty() ? "\n" : " " + claim.note + "\n";
	for (std::size_t k = 0; k < ledger.kernels.size(); k++) {
		const ClaimCell &cell = ledger.cells[c][k];
		text += fmt::format("\n- **{}: {}**", kernel_name(ledger.kernels[k]), claim_verdict_text(cell.verdict));
		text += cell.why.empty() ? "" : ": " + cell.why;
		for (const std::string &figure : cell.figures)
			text += "\n  - " + figure;
	}
	return text + "\n";
}

}  // namespace

std::string ledger_markdown(const Ledger &ledger, const std::string &command)
{
	std::string text = "# What the kernel really does: the claims ledger\n\n"
			   "Published claims about the kernel's allocators, each decided on every kernel of one "
			   "matrix run by the assertions of the scenario that tests it (`claims/claims.toml` says "
			   "which). Generated, not written: remake it with\n\n    " +
			   command + "\n\nfrom a matrix run started at " +
			   (ledger.matrix_started_at.empty() ? "an unknown time" : ledger.matrix_started_at) +
			   ". A claim holds when every assertion it names passes (and every expression it "
			   "evaluates on the scenario's metrics is true), does not hold when one fails or "
			   "an assertion of what the kernel really does instead passes, and cannot be tested "
			   "here when its scenario did not run or was skipped (the reason is given). A claim "
			   "about a change, marked (A/B), is decided by an A/B of its scenario on each kernel: "
			   "it holds when the A/B finds the change claimed (a Mann-Whitney test, decided as "
			   "`kmemharness compare` decides it), does not hold when the A/B decides otherwise, and "
			   "cannot be tested when it left the change undecided.\n\n";
	text += verdict_table(ledger) + "\n## The figures\n";
	for (std::size_t c = 0; c < ledger.claims.size(); c++)
		text += claim_section(ledger, c);
	return text;
}

}  // namespace kmh

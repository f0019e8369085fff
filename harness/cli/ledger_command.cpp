// CLI11 wiring and the verb's body for `kmemharness ledger`.
#include "cli/ledger_command.h"

#include <fmt/format.h>

#include "ledger/claims_file.h"
#include "ledger/claim_verdicts.h"
#include "ledger/ledger_markdown.h"
#include "system/file_io.h"

namespace kmh {

CLI::App *add_ledger_command(CLI::App &app, LedgerArguments &args)
{
	CLI::App *ledger = app.add_subcommand("ledger", "Decide every published claim of the claims file on every kernel of a matrix run");
	ledger->add_option("matrix_dir", args.matrix_dir, "a `kmemharness matrix` output folder (its matrix.json)")->required();
	ledger->add_option("--claims", args.claims_path, "the claims file")->capture_default_str();
	ledger->add_option("--ab", args.ab_dirs, "a `kmemharness ab` folder, for the claims an A/B decides "
						 "(ab_change in the claims file); repeatable, one per kernel")
		->type_name("DIR");
	ledger->add_option("-o,--output", args.output_path, "write the Markdown here instead of standard output");
	ledger->footer("Example: kmemharness matrix --kernel host --kernel /boot/vmlinuz-6.1.0-57-amd64 -o truth scenarios/*.toml\n"
		       "         kmemharness ledger truth -o docs/kernel-truth.md\n"
		       "Exit codes: 0 written (whatever the verdicts), 2 invalid claims file or not a matrix folder.");
	return ledger;
}

int ledger_command(const LedgerArguments &args)
{
	Ledger ledger = build_ledger(read_claims_file(args.claims_path), args.matrix_dir, args.ab_dirs);
	std::string command = "kmemharness ledger " + args.matrix_dir +
			      (args.claims_path == "claims/claims.toml" ? "" : " --claims " + args.claims_path) +
			      (args.ab_dirs.empty() ? "" : " --ab " + fmt::format("{}", fmt::join(args.ab_dirs, " --ab "))) +
			      (args.output_path.empty() ? "" : " -o " + args.output_path);
	std::string text = ledger_markdown(ledger, command);
	if (args.output_path.empty())
		fmt::print("{}", text);
	else
		write_file_atomically(args.output_path, text);
	return 0;
}

}  // namespace kmh

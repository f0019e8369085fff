// The command line options an output table calls for, generated from it.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "report/output_format.h"

namespace kmh {

// A flag --<name> per stdout format; `chosen` gets the name of the one given. At most one may be
// given. The help says that the terminal text (its description, e.g. "the summary") then goes to stderr.
template <typename Subject>
void add_stdout_format_flags(CLI::App *app, const OutputTable<Subject> &table, std::string &chosen)
{
	std::string terminal;
	for (const OutputFormat<Subject> &format : table)
		if (format.place == OutputPlace::terminal)
			terminal = format.description;
	std::vector<CLI::Option *> flags;
	for (const OutputFormat<Subject> &format : table)
		if (format.place == OutputPlace::stdout_format)
			flags.push_back(app->add_flag_callback(
				"--" + format.name, [&chosen, name = format.name] { chosen = name; },
				"print " + format.description + " on stdout (" + terminal + " goes to stderr)"));
	for (CLI::Option *flag : flags)
		for (CLI::Option *other : flags)
			if (flag != other)
				flag->excludes(other);
}

// An option --<name> FILE per file format, for a command without an output folder; `paths` gets
// the FILE of each one given, by format name. An empty FILE is refused (exit 2).
template <typename Subject>
void add_file_format_options(CLI::App *app, const OutputTable<Subject> &table, std::map<std::string, std::string> &paths)
{
	CLI::Validator not_empty([](std::string &file) { return file.empty() ? std::string("FILE is empty") : std::string(); },
				 "", "not empty");
	for (const OutputFormat<Subject> &format : table)
		if (format.place == OutputPlace::file)
			app->add_option_function<std::string>(
				   "--" + format.name, [&paths, name = format.name](const std::string &file) { paths[name] = file; },
				   "write " + format.description + " to FILE")
				->check(not_empty);
}

// --kcidb-origin NAME: the CI system whose name starts every KCIDB id (default "kmemharness"). KCIDB
// takes lowercase letters, digits and underscores only; anything else is refused (exit 2).
inline void add_kcidb_origin_option(CLI::App *app, std::string &origin)
{
	CLI::Validator origin_name(
		[](std::string &name) {
			return is_kcidb_name(name) ? std::string() : "'" + name + "' is not a KCIDB origin: use lowercase letters, digits and _";
		},
		"NAME", "KCIDB origin");
	app->add_option("--kcidb-origin", origin,
			std::string("the origin (CI system name) that prefixes the ids in kcidb.json (default ") +
				default_kcidb_origin + ")")
		->check(origin_name);
}

}  // namespace kmh

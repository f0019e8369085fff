// One output format of a command (its name, where its text goes, its renderer), and a command's table of them.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace kmh {

// The KCIDB origin when none is given: the CI system that submits the results (--kcidb-origin).
inline constexpr const char *default_kcidb_origin = "kmemharness";

// Whether KCIDB takes `name` as an origin (or an architecture): lowercase letters, digits and '_'.
inline bool is_kcidb_name(const std::string &name)
{
	return !name.empty() && name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos;
}

// What a renderer is told about where its text goes and who reports it.
struct RenderContext {
	bool color = false;       // a terminal that shows colour, NO_COLOR unset
	std::string output_dir;   // the folder the command writes its files into; "" when it has none
	std::string kcidb_origin = default_kcidb_origin;  // the prefix of every KCIDB id ([a-z0-9_]+)
};

// Where a format's text goes.
enum class OutputPlace {
	// The readable text: standard output, or standard error when a stdout format takes standard output.
	terminal,
	// Standard output, when asked for with the flag --<name> (at most one such flag per command).
	stdout_format,
	// A file: <file_name> in the command's output folder, or the FILE of --<name> FILE for a command
	// without a folder (compare).
	file,
};

template <typename Subject>
struct OutputFormat {
	std::string name;  // the option's name without "--" ("tap", "markdown"); a unique word per table
	OutputPlace place = OutputPlace::file;
	std::string file_name;    // file formats: the name in an output folder ("result.json")
	std::string description;  // what it holds, for the option's help ("TAP 13", "a Markdown report")
	std::function<std::string(const Subject &, const RenderContext &)> render;
};

// A command's formats, in the order they are written and listed.
template <typename Subject>
using OutputTable = std::vector<OutputFormat<Subject>>;

// A renderer that needs no context, as a table's render function.
template <typename Subject>
std::function<std::string(const Subject &, const RenderContext &)> context_free(std::string (*render)(const Subject &))
{
	return [render](const Subject &subject, const RenderContext &) { return render(subject); };
}

}  // namespace kmh

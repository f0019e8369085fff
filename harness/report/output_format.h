// One output format of a command (its name, where its text goes, its renderer), and a command's table of them.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace kmh {

// What a renderer is told about where its text goes.
struct RenderContext {
	bool color = false;  // a terminal that shows colour, NO_COLOR unset
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

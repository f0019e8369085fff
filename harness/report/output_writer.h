// Writing and printing a command's output formats from its table: the files, the stdout format, the terminal text.
#pragma once

#include <cstdio>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "report/output_format.h"
#include "system/file_io.h"

namespace kmh {

// Where the terminal text goes, and whether it may be coloured there.
struct TerminalStream {
	std::FILE *file = stdout;
	RenderContext context;
};

// Standard output, or standard error when a stdout format took standard output; colour when that
// stream is a terminal and NO_COLOR is unset.
TerminalStream terminal_stream(bool stdout_taken);

template <typename Subject>
const OutputFormat<Subject> &find_format(const OutputTable<Subject> &table, const std::string &name)
{
	for (const OutputFormat<Subject> &format : table)
		if (format.name == name)
			return format;
	throw std::logic_error("no output format '" + name + "'");
}

// The table's terminal format, rendered.
template <typename Subject>
std::string render_terminal(const OutputTable<Subject> &table, const Subject &subject, const RenderContext &context)
{
	for (const OutputFormat<Subject> &format : table)
		if (format.place == OutputPlace::terminal)
			return format.render(subject, context);
	throw std::logic_error("an output table without a terminal format");
}

// Prints the stdout format named `name` on standard output; nothing when `name` is empty.
template <typename Subject>
void print_stdout_format(const OutputTable<Subject> &table, const Subject &subject, const std::string &name,
			 const RenderContext &context = {})
{
	if (!name.empty())
		std::fputs(find_format(table, name).render(subject, context).c_str(), stdout);
}

// Every file format's path in `dir`, by format name.
template <typename Subject>
std::map<std::string, std::string> output_paths_in(const OutputTable<Subject> &table, const std::string &dir)
{
	std::map<std::string, std::string> paths;
	for (const OutputFormat<Subject> &format : table)
		if (format.place == OutputPlace::file)
			paths[format.name] = (std::filesystem::path(dir) / format.file_name).string();
	return paths;
}

// The file formats' names in `dir`, in table order.
template <typename Subject>
std::vector<std::string> output_file_names(const OutputTable<Subject> &table)
{
	std::vector<std::string> names;
	for (const OutputFormat<Subject> &format : table)
		if (format.place == OutputPlace::file)
			names.push_back(format.file_name);
	return names;
}

// Writes the file formats that have a path in `paths` (format name -> path), in table order.
// Throws run_error naming a file that could not be written.
template <typename Subject>
void write_format_files(const OutputTable<Subject> &table, const Subject &subject,
			const std::map<std::string, std::string> &paths, const RenderContext &context = {})
{
	for (const OutputFormat<Subject> &format : table) {
		auto path = paths.find(format.name);
		if (format.place == OutputPlace::file && path != paths.end())
			write_file_atomically(path->second, format.render(subject, context));
	}
}

// Writes every file format into `dir`, created with its parents when missing; the renderers are
// told `dir` as their output folder.
template <typename Subject>
void write_output_folder(const OutputTable<Subject> &table, const Subject &subject, const std::string &dir,
			 RenderContext context = {})
{
	std::filesystem::create_directories(dir);
	context.output_dir = dir;
	write_format_files(table, subject, output_paths_in(table, dir), context);
}

}  // namespace kmh

// Reading modules.builtin and modules.dep: which module files to insmod, in which order.
#include "vm/module_dependencies.h"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "common/error.h"
#include "system/file_io.h"
#include "vm/module_decompress.h"

namespace kmh {

namespace {

namespace fs = std::filesystem;

bool lists_module(const std::string &list, const std::string &path)
{
	std::istringstream lines(list);
	for (std::string line; std::getline(lines, line);)
		if (uncompressed_module_path(line) == path)
			return true;
	return false;
}

// The module's modules.dep line as its words: its own file (x.ko, or x.ko.xz and the like when
// compressed) first, then its dependencies, deepest last.
std::optional<std::vector<std::string>> dep_line(const std::string &dep, const std::string &path)
{
	std::istringstream lines(dep);
	for (std::string line; std::getline(lines, line);) {
		std::size_t colon = line.find(':');
		if (colon == std::string::npos || uncompressed_module_path(line.substr(0, colon)) != path)
			continue;
		std::vector<std::string> words = { line.substr(0, colon) };
		std::istringstream rest(line.substr(colon + 1));
		for (std::string word; rest >> word;)
			words.push_back(word);
		return words;
	}
	return std::nullopt;
}

std::string existing_module(const fs::path &modules_dir, const std::string &relative, const std::string &release)
{
	fs::path file = modules_dir / relative;
	if (!fs::is_regular_file(file))
		throw environment_error(fmt::format("linux-image-{} has no {} at {}", release,
						    file.filename().string(), file.string()));
	return file.string();
}

void add_once(std::vector<std::string> &files, const std::string &file)
{
	if (std::find(files.begin(), files.end(), file) == files.end())
		files.push_back(file);
}

}  // namespace

std::vector<std::string> module_load_order(const std::string &modules_dir, const std::string &release,
					   const std::vector<WantedModule> &wanted)
{
	fs::path dir(modules_dir);
	std::string builtin = read_text_file((dir / "modules.builtin").string()).value_or("");
	std::optional<std::string> dep = read_text_file((dir / "modules.dep").string());
	std::vector<std::string> files;
	for (const WantedModule &module : wanted) {
		if (std::any_of(module.paths.begin(), module.paths.end(),
				[&](const std::string &path) { return lists_module(builtin, path); }))
			continue;
		if (!dep)
			throw environment_error(fmt::format("no {}: are linux-image-{}'s modules installed?",
							    (dir / "modules.dep").string(), release));
		std::optional<std::vector<std::string>> line;
		for (auto path = module.paths.begin(); !line && path != module.paths.end(); ++path)
			line = dep_line(*dep, *path);
		if (!line)
			throw environment_error(fmt::format("linux-image-{} has no {} module ({}): no {} in {}", release,
							    fs::path(module.paths.front()).stem().string(), module.config,
							    fmt::join(module.paths, " or "), (dir / "modules.dep").string()));
		// Dependencies before the modules that need them: the line read backwards.
		for (auto it = line->rbegin(); it != line->rend(); ++it)
			add_once(files, existing_module(dir, *it, release));
	}
	return files;
}

}  // namespace kmh

// Checking the #include "…" lines of a source tree against the layer table.
#include "include_layers.h"

#include <algorithm>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>

namespace kmh {

namespace {

namespace fs = std::filesystem;

// Where the build looks for a quoted include after the including file's own folder.
const std::vector<std::string> include_roots = {"harness", ".", "bpf"};

std::vector<std::string> split_tabs(const std::string &line)
{
	std::vector<std::string> fields;
	std::istringstream items(line);
	std::string field;
	while (std::getline(items, field, '\t'))
		fields.push_back(field);
	return fields;
}

Layer read_layer(const std::string &line, const std::string &where)
{
	std::vector<std::string> fields = split_tabs(line);
	std::size_t digits = fields.empty() ? 0 : fields[0].find_first_not_of("0123456789");
	if (fields.size() != 3 || fields[0].empty() || digits != std::string::npos || fields[1].empty() ||
	    fields[1].back() == '/')
		throw std::runtime_error(where + ": expected \"<level>\\t<folder>\\t<what it holds>\", found \"" + line + "\"");
	return {std::stoi(fields[0]), fields[1]};
}

bool is_source(const fs::path &path)
{
	static const std::set<std::string> extensions = {".h", ".hpp", ".c", ".cpp"};
	return extensions.count(path.extension().string()) != 0;
}

bool is_generated(const std::string &name)
{
	return name.ends_with(".skel.h") || name.ends_with(".inc");
}

bool contains(const Layer &layer, const std::string &relative)
{
	return relative == layer.folder || relative.starts_with(layer.folder + "/");
}

// The layer of the most specific folder that holds `relative` (a path under the root), or nullptr.
const Layer *layer_of(const std::string &relative, const std::vector<Layer> &layers)
{
	const Layer *best = nullptr;
	for (const Layer &layer : layers)
		if (contains(layer, relative) && (!best || layer.folder.size() > best->folder.size()))
			best = &layer;
	return best;
}

// The file a quoted include names, relative to the root, or "" when there is none.
std::string resolve(const fs::path &root, const fs::path &including, const std::string &name)
{
	std::vector<fs::path> candidates = {including.parent_path() / name};
	for (const std::string &dir : include_roots)
		candidates.push_back(fs::path(dir) / name);
	for (const fs::path &candidate : candidates)
		if (fs::is_regular_file(root / candidate))
			return candidate.lexically_normal().generic_string();
	return "";
}

// The name between the quotes of an `#include "…"` line, or nullopt for any other line.
std::optional<std::string> quoted_include(const std::string &line)
{
	std::size_t at = line.find_first_not_of(" \t");
	if (at == std::string::npos || line[at] != '#')
		return std::nullopt;
	at = line.find_first_not_of(" \t", at + 1);
	if (at == std::string::npos || line.compare(at, 7, "include") != 0)
		return std::nullopt;
	at = line.find_first_not_of(" \t", at + 7);
	if (at == std::string::npos || line[at] != '"')
		return std::nullopt;
	std::size_t close = line.find('"', at + 1);
	if (close == std::string::npos)
		return std::nullopt;
	return line.substr(at + 1, close - at - 1);
}

std::string describe(const Layer &layer)
{
	return layer.folder + " (level " + std::to_string(layer.level) + ")";
}

// What is wrong with `file` (in `from`) including `name`, or nullopt when nothing is.
std::optional<std::string> include_problem(const fs::path &root, const std::string &file, const Layer &from,
					   const std::string &name, const std::vector<Layer> &layers)
{
	std::string target = resolve(root, file, name);
	if (target.empty())
		return is_generated(name) ? std::nullopt
					  : std::optional<std::string>("names no file beside it nor under harness/, the root or bpf/");
	const Layer *to = layer_of(target, layers);
	if (!to)
		return target + " lies in no folder of harness/layers.tsv";
	if (to == &from || to->level < from.level)
		return std::nullopt;
	return describe(from) + " may not include " + describe(*to) + ": only lower levels (harness/layers.tsv)";
}

void check_file(const fs::path &root, const std::string &file, const std::vector<Layer> &layers,
		std::vector<std::string> &violations)
{
	const Layer *from = layer_of(file, layers);
	if (!from) {
		violations.push_back(file + ": lies in no folder of harness/layers.tsv");
		return;
	}
	std::ifstream text(root / file);
	std::string line;
	for (int number = 1; std::getline(text, line); ++number) {
		std::optional<std::string> name = quoted_include(line);
		if (!name)
			continue;
		if (std::optional<std::string> problem = include_problem(root, file, *from, *name, layers))
			violations.push_back(file + ":" + std::to_string(number) + ": #include \"" + *name + "\": " + *problem);
	}
}

// The top folders that hold a layer: every source file under them must belong to one.
std::set<std::string> top_folders(const std::vector<Layer> &layers)
{
	std::set<std::string> tops;
	for (const Layer &layer : layers)
		tops.insert(layer.folder.substr(0, layer.folder.find('/')));
	return tops;
}

}  // namespace

std::vector<Layer> read_layers(const fs::path &table)
{
	std::ifstream file(table);
	if (!file)
		throw std::runtime_error("cannot open " + table.string());
	std::vector<Layer> layers;
	std::set<std::string> folders;
	std::string line;
	for (int number = 1; std::getline(file, line); ++number) {
		if (line.empty() || line[0] == '#')
			continue;
		std::string where = table.string() + ":" + std::to_string(number);
		layers.push_back(read_layer(line, where));
		if (!folders.insert(layers.back().folder).second)
			throw std::runtime_error(where + ": " + layers.back().folder + " is listed twice");
	}
	return layers;
}

std::vector<std::string> include_violations(const fs::path &root, const std::vector<Layer> &layers)
{
	std::vector<std::string> violations;
	for (const std::string &top : top_folders(layers)) {
		if (!fs::is_directory(root / top))
			continue;
		std::vector<std::string> files;
		for (const fs::directory_entry &entry : fs::recursive_directory_iterator(root / top))
			if (entry.is_regular_file() && is_source(entry.path()))
				files.push_back(entry.path().lexically_relative(root).generic_string());
		std::sort(files.begin(), files.end());
		for (const std::string &file : files)
			check_file(root, file, layers, violations);
	}
	return violations;
}

}  // namespace kmh

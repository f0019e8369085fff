// Reading modules.builtin and modules.dep for zram and its dependencies.
#include "vm/swap_modules.h"

#include <filesystem>
#include <optional>
#include <sstream>

#include <fmt/core.h>

#include "common/error.h"
#include "run/file_io.h"

namespace kmh {

namespace {

namespace fs = std::filesystem;

constexpr const char *zram_path = "kernel/drivers/block/zram/zram.ko";

bool lists_module(const std::string &list, const std::string &path)
{
	std::istringstream lines(list);
	for (std::string line; std::getline(lines, line);)
		if (line == path)
			return true;
	return false;
}

// zram's modules.dep line as its words: zram's own path (zram.ko, or zram.ko.xz and the like
// when compressed) first, then its dependencies, deepest last.
std::optional<std::vector<std::string>> zram_dep_line(const std::string &dep)
{
	std::istringstream lines(dep);
	for (std::string line; std::getline(lines, line);) {
		std::size_t colon = line.find(':');
		if (colon == std::string::npos || !line.starts_with(zram_path))
			continue;
		std::vector<std::string> words = {line.substr(0, colon)};
		std::istringstream rest(line.substr(colon + 1));
		for (std::string word; rest >> word;)
			words.push_back(word);
		return words;
	}
	return std::nullopt;
}

std::string existing_module(const fs::path &modules_dir, const std::string &relative, const std::string &release)
{
	if (!relative.ends_with(".ko"))
		throw environment_error(fmt::format("linux-image-{} has its modules compressed ({}); the guest's busybox "
						    "insmod loads plain .ko files only", release, relative));
	fs::path file = modules_dir / relative;
	if (!fs::is_regular_file(file))
		throw environment_error(fmt::format("linux-image-{} has no {} at {}", release,
						    file.filename().string(), file.string()));
	return file.string();
}

}  // namespace

std::vector<std::string> zram_module_files(const std::string &modules_dir, const std::string &release)
{
	fs::path dir(modules_dir);
	if (lists_module(read_text_file((dir / "modules.builtin").string()).value_or(""), zram_path))
		return {};
	std::optional<std::string> dep = read_text_file((dir / "modules.dep").string());
	if (!dep)
		throw environment_error(fmt::format("no {}: are linux-image-{}'s modules installed?",
						    (dir / "modules.dep").string(), release));
	std::optional<std::vector<std::string>> line = zram_dep_line(*dep);
	if (!line)
		throw environment_error(fmt::format("linux-image-{} has no zram module (CONFIG_ZRAM): no {} in {}",
						    release, zram_path, (dir / "modules.dep").string()));
	// Dependencies before the modules that need them: the line read backwards.
	std::vector<std::string> files;
	for (auto it = line->rbegin(); it != line->rend(); ++it)
		files.push_back(existing_module(dir, *it, release));
	return files;
}

}  // namespace kmh

// Checking, before anything runs, that a result folder can be created and written.
#include "system/output_folder.h"

#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "common/error.h"

namespace kmh {

namespace {

namespace fs = std::filesystem;

std::string shortened(const std::string &text)
{
	return text.size() <= 80 ? text : text.substr(0, 60) + "...(" + std::to_string(text.size()) + " bytes)";
}

void check_name_lengths(const fs::path &dir, const std::string &origin)
{
	if (dir.native().size() >= PATH_MAX)
		throw invalid_input(fmt::format("{} '{}': the path is {} bytes; at most {} are accepted", origin,
						shortened(dir), dir.native().size(), PATH_MAX - 1));
	for (const fs::path &name : dir)
		if (name.native().size() > NAME_MAX)
			throw invalid_input(fmt::format("{} '{}': the name '{}' is {} bytes; a file system takes at most {}",
							origin, shortened(dir), shortened(name), name.native().size(), NAME_MAX));
}

// The folder itself when it exists, else the nearest folder above it that does.
fs::path nearest_existing(const fs::path &dir, const std::string &origin)
{
	for (fs::path at = dir;; at = at.parent_path()) {
		struct stat status {};
		if (stat(at.c_str(), &status) == 0) {
			if (S_ISDIR(status.st_mode))
				return at;
			throw invalid_input(at == dir ? fmt::format("{} '{}' is a file, not a folder; name a folder", origin, dir.string())
						      : fmt::format("{} '{}' cannot be created: '{}' is a file", origin,
								    dir.string(), at.string()));
		}
		if (errno == ENOTDIR)
			continue;
		if (errno != ENOENT)
			throw environment_error(fmt::format("{} '{}' cannot be created: '{}': {}", origin, dir.string(),
							    at.string(), std::strerror(errno)));
		if (at == at.parent_path())
			return at;
	}
}

// Creates and removes a folder in `existing`: what a run will do there, tried before it runs.
void probe_writable(const fs::path &existing, const fs::path &dir, const std::string &origin)
{
	std::string probe = (existing / ".kmemharness-probe-XXXXXX").string();
	if (!mkdtemp(probe.data()))
		throw environment_error(fmt::format("{} '{}' cannot be written: creating a folder in '{}' failed: {}", origin,
						    dir.string(), existing.string(), std::strerror(errno)));
	rmdir(probe.c_str());
}

}  // namespace

void check_output_folder(const std::string &dir, const std::string &origin)
{
	fs::path path = fs::path(dir).lexically_normal();
	check_name_lengths(path, origin);
	fs::path absolute = path.is_absolute() ? path : (fs::current_path() / path).lexically_normal();
	if (absolute.has_filename() == false && absolute != absolute.root_path())
		absolute = absolute.parent_path();
	probe_writable(nearest_existing(absolute, origin), path, origin);
}

}  // namespace kmh

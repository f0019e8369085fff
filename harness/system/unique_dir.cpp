// mkdir(2) as the exclusive claim on a folder name, with a counter after the first name taken.
#include "system/unique_dir.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "common/error.h"

namespace kmh {

std::string create_unique_dir(const std::string &base)
{
	std::error_code error;
	std::filesystem::path parent = std::filesystem::path(base).parent_path();
	if (!parent.empty() && !std::filesystem::create_directories(parent, error) && error)
		throw environment_error("cannot create the folder " + parent.string() + ": " + error.message());
	for (int number = 1;; ++number) {
		std::string candidate = number == 1 ? base : base + "-" + std::to_string(number);
		if (mkdir(candidate.c_str(), 0755) == 0)
			return candidate;
		if (errno != EEXIST)
			throw environment_error("cannot create the folder " + candidate + ": " + std::strerror(errno));
	}
}

}  // namespace kmh

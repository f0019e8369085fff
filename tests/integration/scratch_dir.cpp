// Temporary folders made with mkdtemp under the system's temporary directory.
#include "scratch_dir.h"

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace kmh::integration {

ScratchDir::ScratchDir()
{
	std::string pattern = (std::filesystem::temp_directory_path() / "kmh-integration.XXXXXX").string();
	if (!mkdtemp(pattern.data()))
		throw std::runtime_error("mkdtemp " + pattern + ": " + std::strerror(errno));
	path_ = pattern;
}

ScratchDir::~ScratchDir()
{
	std::error_code ignored;
	std::filesystem::remove_all(path_, ignored);
}

}  // namespace kmh::integration

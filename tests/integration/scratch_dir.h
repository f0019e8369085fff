// A fresh temporary folder for one test's outputs, removed when the test ends.
#pragma once

#include <filesystem>

namespace kmh::integration {

class ScratchDir {
public:
	ScratchDir();
	~ScratchDir();
	ScratchDir(const ScratchDir &) = delete;
	ScratchDir &operator=(const ScratchDir &) = delete;

	const std::filesystem::path &path() const { return path_; }
	// A path inside the folder, e.g. the --output folder of one run.
	std::string operator/(const std::string &name) const { return (path_ / name).string(); }

private:
	std::filesystem::path path_;
};

}  // namespace kmh::integration

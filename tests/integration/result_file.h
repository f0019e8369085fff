// Reads a run's result.json and sums its metric series by name and label selector; reads any output file's text.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kmh::integration {

// Labels a series must carry, each with exactly this value; labels not named may be anything.
using LabelSelector = std::map<std::string, std::string>;

// The whole text of an output file (matrix.json, grid.md, kernel-truth.md); empty when it is missing.
std::string file_text(const std::filesystem::path &path);

class ResultFile {
public:
	// Throws std::runtime_error when the file is missing or is not JSON.
	explicit ResultFile(const std::filesystem::path &path);

	const nlohmann::json &json() const { return json_; }

	// The metrics[] entries of that name whose labels match `selector`.
	std::vector<nlohmann::json> series(const std::string &name, const LabelSelector &selector = {}) const;
	// The sum of their values; 0 when none matches.
	double sum(const std::string &name, const LabelSelector &selector = {}) const;

private:
	nlohmann::json json_;
};

}  // namespace kmh::integration

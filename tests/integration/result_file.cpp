// result.json parsed with nlohmann-json; metric sums follow the assertion language's `name{k=v}` meaning.
#include "result_file.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace kmh::integration {

namespace {

bool labels_match(const nlohmann::json &labels, const LabelSelector &selector)
{
	for (const auto &[label, value] : selector) {
		auto found = labels.find(label);
		if (found == labels.end() || *found != value)
			return false;
	}
	return true;
}

}  // namespace

std::string file_text(const std::filesystem::path &path)
{
	std::ifstream in(path);
	std::stringstream text;
	text << in.rdbuf();
	return text.str();
}

ResultFile::ResultFile(const std::filesystem::path &path)
{
	std::ifstream in(path);
	if (!in)
		throw std::runtime_error("cannot open " + path.string());
	try {
		json_ = nlohmann::json::parse(in);
	} catch (const nlohmann::json::exception &error) {
		throw std::runtime_error(path.string() + " is not JSON: " + error.what());
	}
}

std::vector<nlohmann::json> ResultFile::series(const std::string &name, const LabelSelector &selector) const
{
	std::vector<nlohmann::json> matching;
	for (const nlohmann::json &metric : json_.at("metrics"))
		if (metric.at("name") == name && labels_match(metric.at("labels"), selector))
			matching.push_back(metric);
	return matching;
}

double ResultFile::sum(const std::string &name, const LabelSelector &selector) const
{
	double total = 0;
	for (const nlohmann::json &metric : series(name, selector))
		total += metric.at("value").get<double>();
	return total;
}

}  // namespace kmh::integration

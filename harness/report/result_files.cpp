// result.json and junit.xml into one folder.
#include "report/result_files.h"

#include <filesystem>

#include "report/junit_xml.h"
#include "report/result_json.h"

namespace kmh {

void write_result_files(const RunResult &result, const std::string &dir)
{
	std::filesystem::create_directories(dir);
	write_result_json(result, dir + "/result.json");
	write_junit_xml(result, dir + "/junit.xml");
}

}  // namespace kmh

// result.json and junit.xml into one folder, as one transaction whose verdict file comes last.
#include "report/result_files.h"

#include <cstdio>
#include <cstring>
#include <filesystem>

#include <fmt/core.h>

#include "common/error.h"
#include "report/junit_xml.h"
#include "report/result_json.h"

namespace kmh {

namespace {

namespace fs = std::filesystem;

const char *const staged_suffix = ".staged";

void publish(const std::string &path)
{
	std::string staged = path + staged_suffix;
	if (std::rename(staged.c_str(), path.c_str()) != 0)
		throw run_error(fmt::format("cannot rename {} to {}: {}", staged, path, std::strerror(errno)));
}

// After a failed write: no file may still say the run passed. junit.xml goes; result.json says
// run_failed with the reason, or goes too when even that cannot be written.
void leave_failure(const RunResult &result, const std::string &json_path, const std::string &junit_path,
		   const std::string &reason)
{
	std::error_code ignored;
	for (const std::string &path : { json_path, junit_path })
		fs::remove(path + staged_suffix, ignored);
	fs::remove(junit_path, ignored);
	RunResult failed = result;
	failed.complete = false;
	failed.exit_code = ExitCode::run_failed;
	failed.status = "run_failed";
	failed.errors.push_back("the result files could not be written: " + reason);
	try {
		write_result_json(failed, json_path);
	} catch (const Error &) {
		fs::remove(json_path, ignored);
	}
}

}  // namespace

void write_result_files(const RunResult &result, const std::string &dir)
{
	std::string json_path = dir + "/result.json";
	std::string junit_path = dir + "/junit.xml";
	try {
		fs::create_directories(dir);
		write_junit_xml(result, junit_path + staged_suffix);
		write_result_json(result, json_path + staged_suffix);
		publish(junit_path);
		publish(json_path);
	} catch (const std::exception &error) {
		leave_failure(result, json_path, junit_path, error.what());
		throw run_error(error.what());
	}
}

}  // namespace kmh

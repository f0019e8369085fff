// A run's file formats into one folder, as one transaction whose verdict file, result.json, comes last.
#include "report/result_files.h"

#include <cstdio>
#include <filesystem>
#include <map>

#include "common/error.h"
#include "report/output_writer.h"
#include "report/result_json.h"
#include "report/run_outputs.h"
#include "system/errno_error.h"

namespace kmh {

namespace {

namespace fs = std::filesystem;

const char *const staged_suffix = ".staged";
const char *const verdict_format = "json";  // result.json: published last, rewritten on failure

void publish(const std::string &path)
{
	std::string staged = path + staged_suffix;
	if (std::rename(staged.c_str(), path.c_str()) != 0)
		throw errno_error(ExitCode::run_failed, "cannot rename " + staged + " to " + path);
}

// After a failed write no file may still say the run passed: the other files go, result.json
// says run_failed with the reason, or goes too when even that cannot be written.
void leave_failure(const RunResult &result, const std::map<std::string, std::string> &paths,
		   const std::string &reason)
{
	std::error_code ignored;
	for (const auto &[name, path] : paths) {
		fs::remove(path + staged_suffix, ignored);
		if (name != verdict_format)
			fs::remove(path, ignored);
	}
	RunResult failed = result;
	failed.complete = false;
	failed.exit_code = ExitCode::run_failed;
	failed.status = "run_failed";
	failed.errors.push_back("the result files could not be written: " + reason);
	const std::string &json_path = paths.at(verdict_format);
	try {
		write_file_atomically(json_path, result_json_text(failed));
	} catch (const Error &) {
		fs::remove(json_path, ignored);
	}
}

void stage_and_publish(const RunResult &result, const std::map<std::string, std::string> &paths,
		       const RenderContext &context)
{
	const OutputTable<RunResult> &formats = run_output_formats();
	for (const auto &[name, path] : paths)
		write_file_atomically(path + staged_suffix, find_format(formats, name).render(result, context));
	for (const auto &[name, path] : paths)
		if (name != verdict_format)
			publish(path);
	publish(paths.at(verdict_format));
}

}  // namespace

void write_result_files(const RunResult &result, const std::string &dir, RenderContext context)
{
	std::map<std::string, std::string> paths = output_paths_in(run_output_formats(), dir);
	context.output_dir = dir;
	try {
		fs::create_directories(dir);
		stage_and_publish(result, paths, context);
	} catch (const std::exception &error) {
		leave_failure(result, paths, error.what());
		throw run_error(error.what());
	}
}

}  // namespace kmh

// Building a matrix's plan: globs expanded, scenarios loaded, kernels identified, folders named.
#include "matrix/matrix_plan.h"

#include <glob.h>
#include <sys/utsname.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include <fmt/core.h>

#include "common/error.h"
#include "common/utc_time.h"
#include "system/host_name.h"
#include "vm/kernel_image.h"

namespace kmh {

namespace {

bool is_glob(const std::string &argument)
{
	return argument.find_first_of("*?[") != std::string::npos;
}

std::vector<std::string> glob_matches(const std::string &pattern)
{
	glob_t found{};
	int status = glob(pattern.c_str(), 0, nullptr, &found);
	std::vector<std::string> files;
	for (std::size_t i = 0; status == 0 && i < found.gl_pathc; i++)
		files.emplace_back(found.gl_pathv[i]);
	globfree(&found);
	if (files.empty())
		throw invalid_input("matrix: no scenario file matches '" + pattern + "'");
	std::sort(files.begin(), files.end());
	return files;
}

// A folder name no other kernel or scenario of the matrix has: the name, or name-2, name-3, ...
std::string unique_slug(std::string name, std::set<std::string> &taken)
{
	std::replace_if(name.begin(), name.end(), [](char c) { return c == '/' || c == ' '; }, '_');
	std::string slug = name;
	for (int n = 2; !taken.insert(slug).second; n++)
		slug = fmt::format("{}-{}", name, n);
	return slug;
}

std::string running_release()
{
	utsname names{};
	uname(&names);
	return names.release;
}

MatrixKernel matrix_kernel(const std::string &argument)
{
	MatrixKernel kernel;
	kernel.argument = argument;
	if (argument == "host") {
		kernel.release = running_release();
		return kernel;
	}
	kernel.image = std::filesystem::absolute(argument).lexically_normal().string();
	kernel.release = kernel_image_release(argument);
	return kernel;
}

std::vector<MatrixKernel> matrix_kernels(const std::vector<std::string> &arguments)
{
	if (arguments.empty())
		throw invalid_input("matrix: name at least one --kernel (an image, or host) or --kernel-tree (a kernel build folder)");
	std::vector<MatrixKernel> kernels;
	std::set<std::string> images, slugs;
	for (const std::string &argument : arguments) {
		MatrixKernel kernel = matrix_kernel(argument);
		if (!images.insert(kernel.host() ? "host" : kernel.image).second)
			throw invalid_input("matrix: --kernel " + argument + " is given twice");
		kernel.slug = unique_slug(kernel.host() ? "host-" + kernel.release : kernel.release, slugs);
		kernels.push_back(kernel);
	}
	return kernels;
}

}  // namespace

std::vector<std::string> expand_scenario_arguments(const std::vector<std::string> &arguments)
{
	std::vector<std::string> files;
	for (const std::string &argument : arguments) {
		std::vector<std::string> matches = is_glob(argument) ? glob_matches(argument)
								     : std::vector<std::string>{ argument };
		files.insert(files.end(), matches.begin(), matches.end());
	}
	if (files.empty())
		throw invalid_input("matrix: name at least one scenario file (or a glob such as scenarios/*.toml)");
	return files;
}

MatrixPlan plan_matrix(const MatrixRequest &request, const ScenarioLoader &load)
{
	MatrixPlan plan;
	plan.grid.started_at = utc_now();
	plan.grid.hostname = host_name();
	plan.grid.output_dir = request.output_dir.empty() ? "results/matrix/" + utc_stamp() : request.output_dir;
	std::set<std::string> slugs;
	for (const std::string &file : expand_scenario_arguments(request.scenarios)) {
		plan.scenarios.push_back(load(file));
		const Scenario &scenario = plan.scenarios.back();
		plan.grid.scenarios.push_back({ file, scenario.name, unique_slug(scenario.name, slugs) });
	}
	plan.grid.kernels = matrix_kernels(request.kernels);
	return plan;
}

}  // namespace kmh

// Adding --kernel-tree folders to a command's list of kernels.
#include "cli/kernel_tree_option.h"

namespace kmh {

CLI::Option *add_kernel_tree_option(CLI::App *app, std::vector<std::string> &kernels)
{
	auto append = [&kernels](const std::vector<std::string> &folders) {
		kernels.insert(kernels.end(), folders.begin(), folders.end());
	};
	return app->add_option_function<std::vector<std::string>>("--kernel-tree", append, kernel_tree_help)
		->check(CLI::ExistingDirectory)
		->type_name("DIR");
}

}  // namespace kmh

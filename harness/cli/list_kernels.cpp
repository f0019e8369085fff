// The kernels table and the --image pick of `kmemharness list kernels`.
#include "cli/list_kernels.h"

#include <fmt/core.h>

#include "common/error.h"
#include "vm/debian_kernels.h"
#include "vm/installed_kernel.h"

namespace kmh {

int list_kernels()
{
	std::vector<InstalledKernel> kernels = installed_kernels();
	if (kernels.empty()) {
		fmt::print("no kernel images in /boot/vmlinuz-*-amd64 or /usr/lib/modules/*-amd64/vmlinuz ({})\n",
			   kernel_install_hint(KernelChoice{}));
		return 0;
	}
	fmt::print("{:<7} {:<8} {:<24} {:<8} {}\n", "series", "flavour", "release", "headers", "image");
	for (const InstalledKernel &kernel : kernels)
		fmt::print("{:<7} {:<8} {:<24} {:<8} {}\n", kernel.series, kernel.flavour, kernel.release,
			   kernel.headers_dir.empty() ? "no" : "yes", kernel.image);
	return 0;
}

int print_kernel_image(const std::string &choice_text)
{
	KernelChoice choice = parse_kernel_choice(choice_text);
	std::optional<InstalledKernel> kernel = installed_kernel_with_headers(choice);
	if (!kernel)
		throw environment_error("no " + describe(choice) + " kernel with its headers is installed: " +
					kernel_install_hint(choice));
	fmt::print("{}\n", kernel->image);
	return 0;
}

}  // namespace kmh

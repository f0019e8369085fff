// Picking the kernel a VM test boots, and what the test says when it is not installed.
#include "test_kernel.h"

#include "vm/debian_kernels.h"
#include "vm/installed_kernel.h"

namespace kmh::integration {

TestKernel test_kernel(const KernelChoice &choice)
{
	if (std::optional<InstalledKernel> kernel = installed_kernel_with_headers(choice))
		return {kernel->image, std::nullopt};
	return {"", "no " + describe(choice) + " kernel with its headers is installed to boot in a VM (" +
			    kernel_install_hint(choice) + ")"};
}

}  // namespace kmh::integration

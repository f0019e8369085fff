// Picking the kernel a VM test boots, and what the test says when it is not installed.
#include "test_kernel.h"

#include <chrono>

#include "harness_process.h"
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

TestKernel fetched_kernel(const std::string &suite)
{
	// 50 s here on 2026-12-03 (debootstrap of sid 34 s, the kernel's packages 5 s).
	constexpr std::chrono::seconds fetch_limit{ 900 };
	ProcessOutcome fetch = run_process({ "bash", std::string(KMH_SOURCE_DIR) + "/scripts/fetch-kernel.sh", suite,
					     "--toolchain" },
					   fetch_limit);
	std::string out = fetch.out.substr(0, fetch.out.find_last_not_of('\n') + 1);
	if (fetch.exit_code != 0 || out.empty())
		return { "", "scripts/fetch-kernel.sh " + suite + " --toolchain failed (exit " +
				     std::to_string(fetch.exit_code) + "): " + fetch.err };
	return { out.substr(out.find_last_of('\n') + 1), std::nullopt };
}

}  // namespace kmh::integration

// The Debian kernels the VM tests boot, picked by series and flavour (vm/installed_kernel.h), and why none can be booted.
#pragma once

#include <optional>
#include <string>

#include "vm/kernel_choice.h"

namespace kmh::integration {

// Debian 12's default kernel (linux-image-amd64): what the VM tests boot.
inline const KernelChoice generic_6_1{"6.1", "generic"};
// Debian 12's newer kernel (linux-image-6.12-amd64), for tests that run on more than one kernel.
inline const KernelChoice generic_6_12{"6.12", "generic"};

struct TestKernel {
	std::string image;               // the newest installed image of the choice that has headers
	std::optional<std::string> gap;  // why there is none, naming the packages to install
};

TestKernel test_kernel(const KernelChoice &choice = generic_6_1);

// The newest kernel of another Debian suite ("sid": 7.2 on 2026-12-03) with a root of that suite
// for its module's compiler, from `bash scripts/fetch-kernel.sh SUITE --toolchain` (downloaded
// once into the cache); the gap is the script's error when it could not.
TestKernel fetched_kernel(const std::string &suite);

}  // namespace kmh::integration

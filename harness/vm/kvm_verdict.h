// Remembering until the host reboots that KVM could not boot a kernel, so later runs skip the probe.
#pragma once

#include <string>

namespace kmh {

// Whether an earlier run since this host's boot found that `kernel_release` does not boot under
// KVM here (a file under `cache_dir` holding the boot id it was seen on).
bool kvm_known_broken(const std::string &cache_dir, const std::string &kernel_release);

// Records that KVM did not boot `kernel_release` on this host since its boot.
void remember_kvm_broken(const std::string &cache_dir, const std::string &kernel_release);

}  // namespace kmh

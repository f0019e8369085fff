// The guest's /init script and the protocol it speaks with the host over the serial console.
#pragma once

#include <string>

namespace kmh {

// The line /init prints on the console once the guest is up: the host's "booted" signal.
inline constexpr const char *guest_ready_marker = "kmemharness-guest: init ready";

// The line /init prints when the guest's harness has exited, before it sends the results.
inline constexpr const char *guest_harness_exited_prefix = "kmemharness-guest: harness exited";

// Lines framing what /init sends on the console (ttyS0) once the harness has exited:
//   kmemharness-exit-code <N>
//   kmemharness-output-begin
//   <base64 of a gzip'd tar of the guest's output folder>
//   kmemharness-output-end
inline constexpr const char *guest_exit_code_prefix = "kmemharness-exit-code ";
inline constexpr const char *guest_output_begin = "kmemharness-output-begin";
inline constexpr const char *guest_output_end = "kmemharness-output-end";

// Where /init finds its settings in the initramfs: a shell file setting KMH_SCENARIO, KMH_MODULE
// ("": no workload needs the module), KMH_SWAP_BYTES (0: no swap), KMH_SWAP_MODULES (guest paths
// of zram's modules, in load order), KMH_DISK (the scratch disk's device; "": none),
// KMH_DISK_MOUNT (where it is mounted) and KMH_DISK_MODULES (the modules it needs, in load order).
inline constexpr const char *guest_settings_path = "etc/kmemharness/guest.env";

// The /init shell script (run by busybox sh).
const std::string &guest_init_script();

}  // namespace kmh

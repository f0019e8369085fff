// The guest's /init script and the protocol it speaks with the host over the serial console.
#pragma once

#include <string>

namespace kmh {

// The line /init prints on the console once the guest is up: the host's "booted" signal.
inline constexpr const char *guest_ready_marker = "kmemharness-guest: init ready";

// The line /init prints once the guest's own set-up (its scratch disk's modules and mount) is done,
// before the first scenario: a boot's fixed cost, counted apart from the boot and the scenarios.
inline constexpr const char *guest_setup_marker = "kmemharness-guest: set up";

// The line /init prints before each scenario: "kmemharness-scenario-begin <index>".
inline constexpr const char *guest_scenario_begin_prefix = "kmemharness-scenario-begin ";

// The line the guest's harness prints every guest_heartbeat_seconds while it runs (`run
// --in-guest`): a console silent for several beats is a guest that stopped, one still beating
// at its deadline a guest too slow for it (vm/guest_failure.h).
inline constexpr const char *guest_heartbeat_line = "kmemharness-guest: alive";
inline constexpr int guest_heartbeat_seconds = 5;

// The line /init prints when the guest's harness has exited, before it sends the results.
inline constexpr const char *guest_harness_exited_prefix = "kmemharness-guest: harness exited";

// Lines framing what /init sends on the console (ttyS0) each time the harness has exited:
//   kmemharness-exit-code <N>
//   kmemharness-output-begin
//   <base64 of a gzip'd tar of the guest's output folder>
//   kmemharness-output-end
inline constexpr const char *guest_exit_code_prefix = "kmemharness-exit-code ";
inline constexpr const char *guest_output_begin = "kmemharness-output-begin";
inline constexpr const char *guest_output_end = "kmemharness-output-end";

// Where /init finds its settings in the initramfs: a shell file setting KMH_MODULE ("" when no
// scenario has kmod workloads), KMH_SWAP_MODULES (guest paths of zram's modules, in load order),
// KMH_DISK (the scratch disk's device; "": none), KMH_DISK_MOUNT (where it is mounted),
// KMH_DISK_MODULES (the modules it needs, in load order), KMH_SYSCTLS (run --sysctl settings for
// every scenario, separated by spaces), KMH_SCENARIO_COUNT and, for each
// scenario i from 0, KMH_SCENARIO_<i> (its guest path) and KMH_SWAP_BYTES_<i> (0: no swap). The
// kernel command line's kmh.first=<i> says where to start.
inline constexpr const char *guest_first_scenario_parameter = "kmh.first=";
inline constexpr const char *guest_settings_path = "etc/kmemharness/guest.env";

// The /init shell script (run by busybox sh).
const std::string &guest_init_script();

}  // namespace kmh

// Whether the running kernel takes kprobes, for collectors that probe kernel functions.
#pragma once

namespace kmh {

// libbpf attaches kprobes through the kprobe PMU or, failing that, tracefs kprobe_events.
bool kernel_has_kprobes();

}  // namespace kmh

// The kmem tracepoints the kmemharness collectors attach to, and how other tools name them.
#pragma once

#include <string>
#include <vector>

namespace kmh {

// Tracepoint names under events/kmem/, e.g. "mm_page_alloc".
const std::vector<std::string> &kmem_tracepoints();

// "kmem:mm_page_alloc,kmem:mm_page_free,..." for perf -e.
std::string perf_event_list();

// "tracepoint:kmem:mm_page_alloc,tracepoint:kmem:mm_page_free,..." for a bpftrace probe.
std::string bpftrace_probe_list();

// A bpftrace program counting every tracepoint per CPU; prints "ready" once BEGIN has run.
std::string bpftrace_counting_program();

}  // namespace kmh

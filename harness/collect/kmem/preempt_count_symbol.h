// Whether the kernel can resolve the per-CPU preempt count the kmem collectors read (kallsyms of per-CPU data).
#pragma once

#include <istream>
#include <string>

namespace kmh {

// True when /proc/kallsyms text lists __preempt_count or pcpu_hot, which the verifier needs to
// resolve the collectors' typed __ksym (kernels built without CONFIG_KALLSYMS_ALL list neither).
bool kallsyms_lists_preempt_count(std::istream &kallsyms);

// kallsyms_lists_preempt_count() of this machine's /proc/kallsyms.
bool kernel_resolves_preempt_count();

// What a kmem collector's note says when it cannot tell contexts apart, or "".
std::string context_note(bool preempt_count_readable);

// `note` and the context note, "; "-separated, or whichever is not empty.
std::string with_context_note(const std::string &note, bool preempt_count_readable);

}  // namespace kmh

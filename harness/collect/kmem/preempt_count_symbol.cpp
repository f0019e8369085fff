// Finding the per-CPU preempt count in kallsyms, as the verifier will when it resolves a typed __ksym.
#include "collect/kmem/preempt_count_symbol.h"

#include <fstream>

#include "collect/bpf/kallsyms_names.h"

namespace kmh {

bool kallsyms_lists_preempt_count(std::istream &kallsyms)
{
	std::set<std::string> found = kallsyms_names_among(kallsyms, { "__preempt_count", "pcpu_hot" }, 1);
	return !found.empty();
}

bool kernel_resolves_preempt_count()
{
	std::ifstream kallsyms("/proc/kallsyms");
	return kallsyms_lists_preempt_count(kallsyms);
}

std::string context_note(bool preempt_count_readable)
{
	if (preempt_count_readable)
		return "";
	return "kallsyms has no per-CPU preempt count (CONFIG_KALLSYMS_ALL is off): every event is labelled "
	       "context=task, and interrupts landing on workload tasks count in scope=workload";
}

std::string with_context_note(const std::string &note, bool preempt_count_readable)
{
	std::string context = context_note(preempt_count_readable);
	if (note.empty() || context.empty())
		return note + context;
	return note + "; " + context;
}

}  // namespace kmh

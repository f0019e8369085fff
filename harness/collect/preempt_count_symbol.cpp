// Finding the per-CPU preempt count in kallsyms, as the verifier will when it resolves a typed __ksym.
#include "collect/preempt_count_symbol.h"

#include <sstream>

#include "run/file_io.h"

namespace kmh {

bool kallsyms_lists_preempt_count(const std::string &kallsyms_text)
{
	std::istringstream lines(kallsyms_text);
	std::string address, type, name;
	while (lines >> address >> type >> name) {
		if (name == "__preempt_count" || name == "pcpu_hot")
			return true;
		std::string rest_of_line;
		std::getline(lines, rest_of_line);  // a module's symbols end in "[module]"
	}
	return false;
}

bool kernel_resolves_preempt_count()
{
	return kallsyms_lists_preempt_count(read_text_file("/proc/kallsyms").value_or(""));
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

// Reading the kernel facts collectors label with: migratetype names, the pageblock order, the preempt count's symbol.
#include <sstream>

#include "collect/kernel_facts.h"
#include "collect/kmem/preempt_count_symbol.h"
#include "system/file_io.h"

namespace kmh {

namespace {

int pageblock_order_from(const std::string &pagetypeinfo)
{
	std::istringstream lines(pagetypeinfo);
	std::string line;
	const std::string key = "Page block order:";
	while (std::getline(lines, line))
		if (line.rfind(key, 0) == 0)
			return std::stoi(line.substr(key.size()));
	return 9;
}

}  // namespace

KernelFacts read_kernel_facts()
{
	KernelFacts facts{MigratetypeNames::from_kernel()};
	facts.pageblock_order = pageblock_order_from(read_text_file("/proc/pagetypeinfo").value_or(""));
	facts.preempt_count_readable = kernel_resolves_preempt_count();
	return facts;
}

}  // namespace kmh

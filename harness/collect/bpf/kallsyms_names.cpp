// Which of some names /proc/kallsyms lists, as libbpf and the verifier will look them up for a __ksym.
#include "collect/bpf/kallsyms_names.h"

#include <algorithm>
#include <fstream>

namespace kmh {

std::set<std::string> kallsyms_names_among(std::istream &kallsyms, const std::vector<std::string> &wanted,
					   std::size_t enough)
{
	std::set<std::string> names(wanted.begin(), wanted.end()), found;
	std::size_t goal = std::min(enough, names.size());
	std::string address, type, name;
	while (found.size() < goal && kallsyms >> address >> type >> name) {
		if (names.count(name))
			found.insert(name);
		std::string rest_of_line;
		std::getline(kallsyms, rest_of_line);  // a module's symbols end in "[module]"
	}
	return found;
}

std::set<std::string> kernel_symbols_among(const std::vector<std::string> &wanted)
{
	std::ifstream kallsyms("/proc/kallsyms");
	return kallsyms_names_among(kallsyms, wanted);
}

}  // namespace kmh

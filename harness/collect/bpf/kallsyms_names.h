// Which of some names /proc/kallsyms lists, as libbpf and the verifier will look them up for a __ksym.
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <set>
#include <string>
#include <vector>

namespace kmh {

// The names of `wanted` that the kallsyms text lists, stopping once `enough` (default: all) are
// found. Reads line by
// line: the file is megabytes, and a buffer that large would raise glibc's dynamic mmap
// threshold, which every workload forked afterwards inherits.
std::set<std::string> kallsyms_names_among(std::istream &kallsyms, const std::vector<std::string> &wanted,
					   std::size_t enough = SIZE_MAX);

// kallsyms_names_among() of this machine's /proc/kallsyms.
std::set<std::string> kernel_symbols_among(const std::vector<std::string> &wanted);

}  // namespace kmh

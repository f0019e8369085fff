// Names for the addresses of a user stack, from a process's memory map, with elfutils' libdwfl.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "report/collected_stack.h"

struct Dwfl;

namespace kmh {

class StackSymbolizer {
public:
	// Reports every file mapped in `maps_text` (the text of /proc/<pid>/maps) to libdwfl; the
	// files are read from disk, so the process need not be alive. Throws run_error when libdwfl
	// cannot start.
	explicit StackSymbolizer(const std::string &maps_text);
	~StackSymbolizer();
	StackSymbolizer(const StackSymbolizer &) = delete;
	StackSymbolizer &operator=(const StackSymbolizer &) = delete;

	// The frames of a user stack, innermost first. The first address is taken as it is; the
	// others are return addresses, looked up one byte earlier so that a call ending a function
	// is named after that function, not the next.
	std::vector<StackFrame> symbolize(const std::vector<std::uint64_t> &addresses) const;

	// One address, looked up at `lookup` (itself, or one byte before a return address).
	StackFrame frame(std::uint64_t address, std::uint64_t lookup) const;

private:
	Dwfl *dwfl_;
};

// A C++ symbol's readable name (`_ZN3kmh3runEv` -> `kmh::run()`); other names unchanged.
std::string demangled(const char *symbol);

}  // namespace kmh

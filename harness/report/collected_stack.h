// A user stack a collector singles out for result.json (where leaked memory was allocated), with its frames.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kmh {

struct StackFrame {
	std::uint64_t address = 0;  // as the stack walk saw it: a return address, or the first instruction
	std::string symbol;         // demangled function name; empty when no symbol covers the address
	std::uint64_t offset = 0;   // address minus the symbol's start
	std::string module;         // the mapped file (path), empty when no file covers the address
};

struct CollectedStack {
	std::string collector;  // "malloc"
	std::string stack;      // the `stack` label of the collector's metrics for this stack
	double bytes = 0;       // bytes allocated from this stack and not freed at readout
	double allocations = 0;
	std::vector<StackFrame> frames;  // innermost first
};

}  // namespace kmh

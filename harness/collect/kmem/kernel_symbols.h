// Kernel text addresses to function names, from /proc/kallsyms (module symbols included), without offsets.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace kmh {

class KernelSymbols {
public:
	// Reads kallsyms lines "<address> <type> <name> [<module>]". Every symbol bounds the one
	// below it; only text symbols (t, T) name addresses. Addresses shown as 0 (kptr_restrict) are dropped.
	static KernelSymbols parse(std::istream &kallsyms);
	// The running kernel's /proc/kallsyms; empty when it cannot be read.
	static KernelSymbols running_kernel();

	// The function that contains `address`: the nearest symbol at or below it, when that is a
	// text symbol, without a compiler clone suffix (".isra.0", ".constprop.0", ".cold"). nullopt
	// below the first symbol or in data (a module's data follows its text).
	std::optional<std::string> function_at(std::uint64_t address) const;
	// function_at(), else the address in hex ("0xffffffff81234567"), so nothing is dropped.
	std::string name_of(std::uint64_t address) const;
	bool empty() const { return symbols_.empty(); }

private:
	struct Symbol {
		std::uint64_t address;
		std::string name;
		bool text;
	};
	std::vector<Symbol> symbols_;  // ascending by address
};

}  // namespace kmh

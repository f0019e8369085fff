// Kernel text addresses to function names, from /proc/kallsyms (module symbols included), without offsets.
#include "collect/kmem/kernel_symbols.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace kmh {

namespace {

bool is_text_symbol(const std::string &type)
{
	return type == "t" || type == "T";
}

// GCC's clones of a function carry suffixes (".isra.0", ".constprop.0", ".part.0", ".cold") whose
// numbering differs between builds: the function is named without them, so A/B runs match.
std::string without_clone_suffix(const std::string &name)
{
	return name.substr(0, name.find('.'));
}

}  // namespace

KernelSymbols KernelSymbols::parse(std::istream &kallsyms)
{
	KernelSymbols table;
	std::string line;
	while (std::getline(kallsyms, line)) {
		std::istringstream fields(line);
		std::string address_text, type, name;
		if (!(fields >> address_text >> type >> name))
			continue;
		std::uint64_t address = std::strtoull(address_text.c_str(), nullptr, 16);
		if (!address)
			continue;
		table.symbols_.push_back({address, name, is_text_symbol(type)});
	}
	std::stable_sort(table.symbols_.begin(), table.symbols_.end(),
			 [](const Symbol &a, const Symbol &b) {
				 // Of symbols at one address the text one comes last, so it names the address.
				 return a.address != b.address ? a.address < b.address : !a.text && b.text;
			 });
	return table;
}

KernelSymbols KernelSymbols::running_kernel()
{
	std::ifstream kallsyms("/proc/kallsyms");
	return parse(kallsyms);
}

std::optional<std::string> KernelSymbols::function_at(std::uint64_t address) const
{
	auto after = std::upper_bound(symbols_.begin(), symbols_.end(), address,
				      [](std::uint64_t value, const Symbol &symbol) { return value < symbol.address; });
	if (after == symbols_.begin() || !std::prev(after)->text)
		return std::nullopt;
	return without_clone_suffix(std::prev(after)->name);
}

std::string KernelSymbols::name_of(std::uint64_t address) const
{
	if (std::optional<std::string> name = function_at(address))
		return *name;
	return fmt::format("{:#x}", address);
}

}  // namespace kmh

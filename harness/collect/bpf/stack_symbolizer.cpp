// libdwfl fed with a memory map: module by address, then the ELF symbol (and its offset) covering it.
#include "collect/bpf/stack_symbolizer.h"

#include <cxxabi.h>
#include <elfutils/libdwfl.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "common/error.h"

namespace kmh {

namespace {

// Separate debug files are looked for in the usual places (/usr/lib/debug); no debuginfod.
char *debuginfo_path = nullptr;

const Dwfl_Callbacks callbacks = {
	.find_elf = dwfl_linux_proc_find_elf,
	.find_debuginfo = dwfl_standard_find_debuginfo,
	.section_address = nullptr,
	.debuginfo_path = &debuginfo_path,
};

void report_maps(Dwfl *dwfl, const std::string &maps_text)
{
	std::unique_ptr<FILE, int (*)(FILE *)> maps(
		fmemopen(const_cast<char *>(maps_text.data()), maps_text.size(), "r"), fclose);
	if (!maps)
		throw run_error("cannot read a memory map for symbolization");
	dwfl_report_begin(dwfl);
	int failed = dwfl_linux_proc_maps_report(dwfl, maps.get());
	dwfl_report_end(dwfl, nullptr, nullptr);
	if (failed != 0)
		throw run_error(std::string("libdwfl cannot read the memory map: ") + dwfl_errmsg(-1));
}

}  // namespace

std::string demangled(const char *symbol)
{
	int status = 0;
	std::unique_ptr<char, void (*)(void *)> readable(abi::__cxa_demangle(symbol, nullptr, nullptr, &status),
							  std::free);
	return status == 0 && readable ? std::string(readable.get()) : std::string(symbol);
}

StackSymbolizer::StackSymbolizer(const std::string &maps_text) : dwfl_(dwfl_begin(&callbacks))
{
	if (!dwfl_)
		throw run_error(std::string("libdwfl cannot start: ") + dwfl_errmsg(-1));
	try {
		report_maps(dwfl_, maps_text);
	} catch (...) {
		dwfl_end(dwfl_);
		throw;
	}
}

StackSymbolizer::~StackSymbolizer()
{
	dwfl_end(dwfl_);
}

StackFrame StackSymbolizer::frame(std::uint64_t address, std::uint64_t lookup) const
{
	StackFrame frame;
	frame.address = address;
	Dwfl_Module *module = dwfl_addrmodule(dwfl_, lookup);
	if (!module)
		return frame;
	const char *module_name = dwfl_module_info(module, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr);
	frame.module = module_name ? module_name : "";
	GElf_Off offset = 0;
	GElf_Sym symbol;
	const char *name = dwfl_module_addrinfo(module, lookup, &offset, &symbol, nullptr, nullptr, nullptr);
	if (name) {
		frame.symbol = demangled(name);
		frame.offset = offset + (address - lookup);
	}
	return frame;
}

std::vector<StackFrame> StackSymbolizer::symbolize(const std::vector<std::uint64_t> &addresses) const
{
	std::vector<StackFrame> frames;
	for (std::size_t i = 0; i < addresses.size(); i++)
		frames.push_back(frame(addresses[i], i == 0 ? addresses[i] : addresses[i] - 1));
	return frames;
}

}  // namespace kmh

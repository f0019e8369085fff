// The USDT probes an ELF file defines: its SystemTap SDT notes (.note.stapsdt), as sys/sdt.h writes them.
#pragma once

#include <string>
#include <vector>

namespace kmh {

struct UsdtNote {
	std::string provider;  // "libc"
	std::string name;      // "memory_sbrk_more"
	int args = 0;          // how many arguments the probe passes
};

// One entry per probe site (a probe inlined twice has two). Throws run_error when the file cannot
// be read as ELF.
std::vector<UsdtNote> read_usdt_notes(const std::string &path);

// How many sites of `provider:name` the notes hold, and the most arguments one of them passes.
struct UsdtSites {
	int sites = 0;
	int args = 0;
};
UsdtSites usdt_sites(const std::vector<UsdtNote> &notes, const std::string &provider, const std::string &name);

}  // namespace kmh

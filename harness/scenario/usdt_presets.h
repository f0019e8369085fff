// Named sets of USDT probes a scenario can ask for at once ([[collect.usdt]] preset = "libc").
#pragma once

#include <string>
#include <vector>

namespace kmh {

struct UsdtPreset {
	std::string name;      // "libc"
	std::string provider;  // every probe of the preset is this provider's
	std::string binary;    // where its probes are unless the scenario says otherwise
	std::string summary;   // "glibc's malloc probes"
	std::vector<std::string> probes;
};

const std::vector<UsdtPreset> &usdt_presets();
const UsdtPreset *find_usdt_preset(const std::string &name);
std::vector<std::string> usdt_preset_names();

}  // namespace kmh

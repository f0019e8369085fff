// Sysctls given on the command line (run --sysctl, ab --sysctl-a/-b, a claim's A/B sides): NAME=VALUE, or NAME+=N to raise by N.
#include "scenario/sysctl_option.h"

#include "common/error.h"
#include "common/whole_number.h"
#include "scenario/scenario_parser.h"

namespace kmh {

namespace {

const char *accepted = "write NAME=VALUE (e.g. vm.percpu_pagelist_high_fraction=8192) or NAME+=N to raise the "
		       "value the run finds by N (e.g. vm.min_free_kbytes+=6144)";

SysctlSetting parse_one(const std::string &text, const std::string &option)
{
	std::size_t equals = text.find('=');
	bool raise = equals != std::string::npos && equals > 0 && text[equals - 1] == '+';
	std::string name = equals == std::string::npos ? text : text.substr(0, raise ? equals - 1 : equals);
	std::string value = equals == std::string::npos ? "" : text.substr(equals + 1);
	std::string problem;
	if (equals == std::string::npos)
		problem = "no '='";
	else if (!is_sysctl_name(name))
		problem = "'" + name + "' is not a sysctl name as sysctl(8) writes it";
	else if (value.find_first_of(" \t\n'\"\\") != std::string::npos)
		problem = "the value holds a space, a quote or a backslash";
	else if (raise && !whole_number(value))
		problem = "'" + value + "' after += is not a whole number";
	if (!problem.empty())
		throw invalid_input(option + " '" + text + "': " + problem + "; " + accepted);
	return { name, value, { option, 0, 0 }, raise };
}

}  // namespace

std::vector<SysctlSetting> parse_sysctl_options(const std::vector<std::string> &texts, const std::string &option)
{
	std::vector<SysctlSetting> settings;
	for (const std::string &text : texts)
		settings.push_back(parse_one(text, option));
	return settings;
}

}  // namespace kmh

// Listing a program's shared libraries with ldd, so the guest's initramfs can carry them.
#include "vm/shared_libraries.h"

#include <sstream>

#include "common/error.h"
#include "common/external_programs.h"
#include "vm/command.h"

namespace kmh {

namespace {

std::string trim(const std::string &text)
{
	std::size_t first = text.find_first_not_of(" \t");
	if (first == std::string::npos)
		return "";
	return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// "path (0x00007f...)" -> "path"
std::string without_address(const std::string &text)
{
	return trim(text.substr(0, text.find(" (0x")));
}

void add_unique(std::vector<std::string> &list, const std::string &item)
{
	for (const std::string &present : list)
		if (present == item)
			return;
	list.push_back(item);
}

}  // namespace

LddListing parse_ldd_output(const std::string &output)
{
	LddListing listing;
	std::vector<std::string> loaders;
	std::istringstream lines(output);
	for (std::string line; std::getline(lines, line);) {
		line = trim(line);
		std::size_t arrow = line.find(" => ");
		if (arrow == std::string::npos) {
			if (line.starts_with("/"))
				add_unique(loaders, without_address(line));
			continue;
		}
		std::string target = without_address(line.substr(arrow + 4));
		if (target == "not found")
			listing.missing.push_back(line.substr(0, arrow));
		else if (target.starts_with("/"))
			add_unique(listing.files, target);
	}
	for (const std::string &loader : loaders)
		add_unique(listing.files, loader);
	return listing;
}

std::vector<std::string> shared_libraries_of(const std::string &program)
{
	CommandOutput ldd = run_command({require_program("ldd"), program});
	LddListing listing = parse_ldd_output(ldd.output);
	if (!listing.missing.empty())
		throw environment_error("'" + program + "' needs " + listing.missing.front() +
					", which ldd cannot find on this machine");
	return listing.files;
}

}  // namespace kmh

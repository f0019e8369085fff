// Naming a Debian kernel by series and flavour, never by ABI number: "6.1", "6.12", "6.1-rt".
#pragma once

#include <string>

namespace kmh {

struct KernelChoice {
	std::string series;               // "6.1", "6.12"; "" = any series
	std::string flavour = "generic";  // "generic", "rt", "cloud"
};

// The series of a release: its first two numbers ("6.12" for 6.12.117+deb12-amd64).
std::string series_of(const std::string &release);

// The flavour of a Debian amd64 release: the word before "-amd64" when it is not a number or an
// ABI ("rt" for 6.1.0-57-rt-amd64), else "generic" (6.1.0-57-amd64, 6.12.117+deb12-amd64).
std::string flavour_of(const std::string &release);

// True when `release` is of the series and flavour `choice` names.
bool matches(const KernelChoice &choice, const std::string &release);

// "SERIES[-FLAVOUR]" ("6.1", "6.12-rt") as a choice. Throws invalid_input for anything else.
KernelChoice parse_kernel_choice(const std::string &text);

// "generic 6.12", "rt (any series)": for messages.
std::string describe(const KernelChoice &choice);

}  // namespace kmh

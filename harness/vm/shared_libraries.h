// The shared libraries (and dynamic loader) a program needs, from `ldd` output.
#pragma once

#include <string>
#include <vector>

namespace kmh {

struct LddListing {
	std::vector<std::string> files;    // absolute paths: libraries, then the dynamic loader
	std::vector<std::string> missing;  // sonames ldd reported as "not found"
};

// Parses `ldd` output: "libx.so.1 => /lib/.../libx.so.1 (0x...)" lines give a library, a line
// starting with '/' the dynamic loader; the vDSO (no file) is skipped. A static program gives none.
LddListing parse_ldd_output(const std::string &output);

// Runs ldd on `program`. Throws environment_error when a library is missing.
std::vector<std::string> shared_libraries_of(const std::string &program);

}  // namespace kmh

// The external programs kmemharness runs: the Debian package of each (scripts/external-programs.tsv) and finding them in PATH.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kmh {

struct ExternalProgram {
	std::string program;  // "qemu-system-x86_64"
	std::string package;  // "qemu-system-x86"
	std::string users;    // "vm", "test,bench": who runs it (the file's header lists the words)
	std::string purpose;  // "boots the kernel under test"
};

// Every row of scripts/external-programs.tsv, in its order (built in at configure time).
const std::vector<ExternalProgram> &external_programs();

// The Debian package that installs `program`, or nullopt when the list does not name it.
std::optional<std::string> debian_package_of(const std::string &program);

// "install it with `apt-get install <package>`". Throws std::logic_error when `program` is not
// in the list: every program the code runs must be (tests/unit/external_programs_test.cpp).
std::string install_hint(const std::string &program);

// The full path of `program` in PATH, or nullopt.
std::optional<std::string> find_program(const std::string &program);

// The full path of `program` in PATH. Throws environment_error naming its Debian package when
// it is not there.
std::string require_program(const std::string &program);

}  // namespace kmh

// Which compiler built a kernel, read from its headers' .config, and where it can be run: this host or the kernel's own suite root.
#pragma once

#include <optional>
#include <string>

namespace kmh {

// CONFIG_CC_VERSION_TEXT of `headers_dir`/.config ("x86_64-linux-gnu-gcc-16 (Debian 16.2.0-4)
// 16.2.0"); "" when the file or the line is missing.
std::string kernel_compiler_text(const std::string &headers_dir);

// The program of that text, its first word ("x86_64-linux-gnu-gcc-16"); "" for "".
std::string kernel_compiler_program(const std::string &compiler_text);

// The root a module for these headers must be built in: nullopt for this host, whose PATH has
// the compiler the kernel names (or which names none); else the root folder the headers were
// installed in (<root>/usr/src/linux-headers-<release>, made by `scripts/fetch-kernel.sh SUITE
// --toolchain`) when its /usr/bin has that compiler. Throws environment_error (exit 3) naming
// the compiler when neither has it: a module built by another compiler is refused by the
// kernel's build flags, or miscompiled.
std::optional<std::string> module_build_root(const std::string &headers_dir, const std::string &release);

}  // namespace kmh

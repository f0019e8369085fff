// Which compiler built a kernel, read from its headers' .config, and whether this host has it.
#pragma once

#include <string>

namespace kmh {

// CONFIG_CC_VERSION_TEXT of `headers_dir`/.config ("x86_64-linux-gnu-gcc-16 (Debian 16.2.0-4)
// 16.2.0"); "" when the file or the line is missing.
std::string kernel_compiler_text(const std::string &headers_dir);

// The program of that text, its first word ("x86_64-linux-gnu-gcc-16"); "" for "".
std::string kernel_compiler_program(const std::string &compiler_text);

// Throws environment_error (exit 3) when the kernel names a compiler that is not in PATH: a
// module built by another compiler is refused by the kernel's build flags, or miscompiled.
void require_kernel_compiler(const std::string &headers_dir, const std::string &release);

}  // namespace kmh

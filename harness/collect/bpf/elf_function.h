// Where a function sits in an ELF file, as a uprobe needs it: the file offset of its first instruction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace kmh {

// The file offset of the function `name` defined in the ELF file at `path` (from .symtab or
// .dynsym), or nullopt when the file defines no such function. Throws run_error when the file
// cannot be read as ELF.
std::optional<std::uint64_t> elf_function_offset(const std::string &path, const std::string &name);

}  // namespace kmh

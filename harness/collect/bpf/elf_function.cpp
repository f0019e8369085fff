// Looking a function symbol up with libelf and turning its address into a file offset.
#include "collect/bpf/elf_function.h"

#include <gelf.h>

#include "collect/bpf/elf_file.h"

namespace kmh {

namespace {

bool is_defined_function(const GElf_Sym &symbol)
{
	return GELF_ST_TYPE(symbol.st_info) == STT_FUNC && symbol.st_shndx != SHN_UNDEF && symbol.st_value != 0;
}

std::optional<std::uint64_t> symbol_address(Elf *elf, Elf_Scn *section, const GElf_Shdr &header,
					    const std::string &name)
{
	Elf_Data *data = elf_getdata(section, nullptr);
	if (!data || header.sh_entsize == 0)
		return std::nullopt;
	for (std::size_t i = 0; i < header.sh_size / header.sh_entsize; i++) {
		GElf_Sym symbol;
		if (!gelf_getsym(data, static_cast<int>(i), &symbol) || !is_defined_function(symbol))
			continue;
		const char *symbol_name = elf_strptr(elf, header.sh_link, symbol.st_name);
		if (symbol_name && name == symbol_name)
			return symbol.st_value;
	}
	return std::nullopt;
}

std::optional<std::uint64_t> function_address(Elf *elf, const std::string &name)
{
	for (Elf_Scn *section = elf_nextscn(elf, nullptr); section; section = elf_nextscn(elf, section)) {
		GElf_Shdr header;
		if (!gelf_getshdr(section, &header) || (header.sh_type != SHT_SYMTAB && header.sh_type != SHT_DYNSYM))
			continue;
		if (auto address = symbol_address(elf, section, header, name))
			return address;
	}
	return std::nullopt;
}

// The loadable segment holding `address` says where its bytes are in the file.
std::optional<std::uint64_t> file_offset(Elf *elf, std::uint64_t address)
{
	std::size_t count = 0;
	if (elf_getphdrnum(elf, &count) != 0)
		return std::nullopt;
	for (std::size_t i = 0; i < count; i++) {
		GElf_Phdr segment;
		if (!gelf_getphdr(elf, static_cast<int>(i), &segment) || segment.p_type != PT_LOAD)
			continue;
		if (address >= segment.p_vaddr && address < segment.p_vaddr + segment.p_filesz)
			return address - segment.p_vaddr + segment.p_offset;
	}
	return std::nullopt;
}

}  // namespace

std::optional<std::uint64_t> elf_function_offset(const std::string &path, const std::string &name)
{
	ElfFile file(path);
	std::optional<std::uint64_t> address = function_address(file.elf(), name);
	return address ? file_offset(file.elf(), *address) : std::nullopt;
}

}  // namespace kmh

// Walking an ELF file's SHT_NOTE sections for "stapsdt" notes of type 3 (a probe each).
#include "collect/bpf/usdt_notes.h"

#include <gelf.h>

#include <algorithm>
#include <cstring>
#include <sstream>

#include "collect/bpf/elf_file.h"

namespace kmh {

namespace {

constexpr unsigned stapsdt_note_type = 3;

int argument_count(const std::string &arguments)
{
	std::istringstream words(arguments);
	std::string word;
	int count = 0;
	while (words >> word)
		count++;
	return count;
}

// The note's description: three addresses (the probe, the .stapsdt.base section, the semaphore),
// then provider, name and argument specifications as NUL-terminated strings.
void add_note(const char *desc, std::size_t size, std::size_t address_size, std::vector<UsdtNote> &notes)
{
	std::size_t position = 3 * address_size;
	std::string strings[3];
	for (std::string &text : strings) {
		if (position >= size)
			return;
		const char *start = desc + position;
		std::size_t length = strnlen(start, size - position);
		text.assign(start, length);
		position += length + 1;
	}
	notes.push_back({strings[0], strings[1], argument_count(strings[2])});
}

void read_section(Elf_Data *data, std::size_t address_size, std::vector<UsdtNote> &notes)
{
	GElf_Nhdr header;
	std::size_t name_offset = 0, desc_offset = 0;
	for (std::size_t offset = 0; (offset = gelf_getnote(data, offset, &header, &name_offset, &desc_offset)) != 0;) {
		const char *bytes = static_cast<const char *>(data->d_buf);
		if (header.n_type != stapsdt_note_type || header.n_namesz != sizeof("stapsdt") ||
		    std::memcmp(bytes + name_offset, "stapsdt", sizeof("stapsdt")) != 0)
			continue;
		add_note(bytes + desc_offset, header.n_descsz, address_size, notes);
	}
}

}  // namespace

std::vector<UsdtNote> read_usdt_notes(const std::string &path)
{
	ElfFile file(path);
	std::size_t address_size = gelf_getclass(file.elf()) == ELFCLASS32 ? 4 : 8;
	std::vector<UsdtNote> notes;
	for (Elf_Scn *section = elf_nextscn(file.elf(), nullptr); section; section = elf_nextscn(file.elf(), section)) {
		GElf_Shdr header;
		if (!gelf_getshdr(section, &header) || header.sh_type != SHT_NOTE)
			continue;
		if (Elf_Data *data = elf_getdata(section, nullptr))
			read_section(data, address_size, notes);
	}
	return notes;
}

UsdtSites usdt_sites(const std::vector<UsdtNote> &notes, const std::string &provider, const std::string &name)
{
	UsdtSites sites;
	for (const UsdtNote &note : notes)
		if (note.provider == provider && note.name == name) {
			sites.sites++;
			sites.args = std::max(sites.args, note.args);
		}
	return sites;
}

}  // namespace kmh

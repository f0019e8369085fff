// An ELF file opened read-only with libelf, closed with its owner.
#pragma once

#include <libelf.h>

#include <string>

namespace kmh {

class ElfFile {
public:
	// Throws run_error when `path` cannot be opened or is not ELF.
	explicit ElfFile(const std::string &path);
	~ElfFile();
	ElfFile(const ElfFile &) = delete;
	ElfFile &operator=(const ElfFile &) = delete;

	Elf *elf() const { return elf_; }

private:
	void close_all();

	int fd_;
	Elf *elf_ = nullptr;
};

}  // namespace kmh

// Opening an ELF file with libelf.
#include "collect/bpf/elf_file.h"

#include <fcntl.h>
#include <unistd.h>

#include "common/error.h"
#include "system/errno_error.h"

namespace kmh {

ElfFile::ElfFile(const std::string &path) : fd_(open(path.c_str(), O_RDONLY | O_CLOEXEC))
{
	if (fd_ < 0)
		throw errno_error(ExitCode::run_failed, "cannot open " + path);
	elf_version(EV_CURRENT);
	elf_ = elf_begin(fd_, ELF_C_READ, nullptr);
	if (!elf_ || elf_kind(elf_) != ELF_K_ELF) {
		close_all();
		throw run_error(path + " is not an ELF file");
	}
}

ElfFile::~ElfFile()
{
	close_all();
}

void ElfFile::close_all()
{
	if (elf_)
		elf_end(elf_);
	close(fd_);
}

}  // namespace kmh

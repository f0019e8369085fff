// Extracting and checking the uncompressed, PVH-bootable kernel inside a bzImage.
#include "vm/pvh_kernel.h"

#include <elf.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include <fmt/core.h>

#include "common/error.h"
#include "common/external_programs.h"
#include "vm/command.h"
#include "vm/kernel_image.h"

namespace kmh {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t setup_sects_offset = 0x1F1;
constexpr std::size_t payload_offset_field = 0x248;
constexpr std::size_t payload_length_field = 0x24C;
constexpr std::size_t sector_bytes = 512;
constexpr unsigned xen_elfnote_phys32_entry = 18;

template <typename T>
T read_at(std::string_view bytes, std::size_t offset)
{
	T value{};
	std::memcpy(&value, bytes.data() + offset, sizeof(T));
	return value;
}

// What the bzImage's payload decompresses to: Debian's is about 60 MiB.
constexpr InputFileKind decompressed_kernel_kind{ "decompressed kernel", 1ULL << 30, ExitCode::invalid_input };

// Walks the notes of one PT_NOTE segment; true when a "Xen" PHYS32_ENTRY note is among them.
bool segment_has_pvh_note(std::string_view notes)
{
	std::size_t at = 0;
	while (at + sizeof(Elf64_Nhdr) <= notes.size()) {
		auto header = read_at<Elf64_Nhdr>(notes, at);
		std::size_t name_at = at + sizeof(Elf64_Nhdr);
		std::size_t desc_at = name_at + ((header.n_namesz + 3) & ~3u);
		if (header.n_namesz == 4 && notes.substr(name_at, 3) == "Xen" && header.n_type == xen_elfnote_phys32_entry)
			return true;
		at = desc_at + ((header.n_descsz + 3) & ~3u);
	}
	return false;
}

std::string cached_name(const std::string &bzimage)
{
	struct stat status {};
	stat(bzimage.c_str(), &status);
	return fmt::format("pvh-{}-{}-{}.vmlinux", fs::path(bzimage).filename().string(), status.st_size,
			   status.st_mtim.tv_sec);
}

std::string shell_quoted(const std::string &text)
{
	std::string quoted = "'";
	for (char c : text)
		quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
	return quoted + "'";
}

// Decompresses the payload file into `output`; the caller checks what came out.
void decompress(const std::vector<std::string> &decompressor, const std::string &payload, const std::string &output)
{
	std::string command;
	for (const std::string &word : decompressor)
		command += shell_quoted(word) + " ";
	run_command({"sh", "-c", command + shell_quoted(payload) + " > " + shell_quoted(output) + " 2>/dev/null"});
}

}  // namespace

PayloadLocation bzimage_payload(std::string_view image)
{
	if (image.size() < payload_length_field + 4)
		throw invalid_input("bzImage too short for a setup header with payload fields");
	std::size_t setup_sectors = static_cast<unsigned char>(image[setup_sects_offset]);
	PayloadLocation location{(setup_sectors == 0 ? 4 : setup_sectors) * sector_bytes + sector_bytes +
					 read_at<std::uint32_t>(image, payload_offset_field),
				 read_at<std::uint32_t>(image, payload_length_field)};
	if (location.length == 0 || location.offset + location.length > image.size())
		throw invalid_input("bzImage payload_offset/payload_length point outside the image");
	return location;
}

std::vector<std::string> payload_decompressor(std::string_view payload)
{
	if (payload.starts_with("\xFD" "7zXZ"))
		return {"xz", "--decompress", "--stdout", "--single-stream"};
	if (payload.starts_with("\x02\x21\x4C\x18"))
		return {"lz4", "--decompress", "--stdout"};
	if (payload.starts_with("\x1F\x8B"))
		return {"gzip", "--decompress", "--stdout"};
	if (payload.starts_with("\x28\xB5\x2F\xFD"))
		return {"zstd", "--decompress", "--stdout"};
	return {};
}

bool has_pvh_note(std::string_view elf)
{
	if (elf.size() < sizeof(Elf64_Ehdr) || !elf.starts_with(ELFMAG) || elf[EI_CLASS] != ELFCLASS64)
		return false;
	auto header = read_at<Elf64_Ehdr>(elf, 0);
	for (unsigned i = 0; i < header.e_phnum; ++i) {
		std::size_t at = header.e_phoff + std::size_t{i} * header.e_phentsize;
		if (at + sizeof(Elf64_Phdr) > elf.size())
			return false;
		auto segment = read_at<Elf64_Phdr>(elf, at);
		if (segment.p_type == PT_NOTE && segment.p_offset + segment.p_filesz <= elf.size() &&
		    segment_has_pvh_note(elf.substr(segment.p_offset, segment.p_filesz)))
			return true;
	}
	return false;
}

std::optional<std::string> pvh_kernel(const std::string &bzimage, const std::string &cache_dir, std::string &why)
{
	fs::path cached = fs::path(cache_dir) / cached_name(bzimage);
	if (fs::exists(cached))
		return cached.string();
	std::string image = read_input_file(bzimage, kernel_image_file_kind);
	PayloadLocation where = bzimage_payload(image);
	std::string_view payload = std::string_view(image).substr(where.offset, where.length);
	std::vector<std::string> decompressor = payload_decompressor(payload);
	if (decompressor.empty()) {
		why = "its compression is not one of xz, lz4, gzip, zstd";
		return std::nullopt;
	}
	if (!find_program(decompressor.front())) {
		why = decompressor.front() + " is not installed (" + install_hint(decompressor.front()) + ")";
		return std::nullopt;
	}
	fs::create_directories(cache_dir);
	std::string own = "." + std::to_string(getpid());  // two runs filling the cache at once
	fs::path compressed = cached.string() + own + ".payload";
	fs::path partial = cached.string() + own + ".partial";
	std::ofstream(compressed, std::ios::binary).write(payload.data(), static_cast<std::streamsize>(payload.size()));
	decompress(decompressor, compressed.string(), partial.string());
	fs::remove(compressed);
	if (!has_pvh_note(read_input_file(partial.string(), decompressed_kernel_kind))) {
		fs::remove(partial);
		why = "its decompressed kernel has no PVH entry note (CONFIG_PVH)";
		return std::nullopt;
	}
	fs::rename(partial, cached);
	return cached.string();
}

}  // namespace kmh

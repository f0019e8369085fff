// Tests of finding and checking the PVH-bootable kernel inside a bzImage (harness/vm/pvh_kernel.h).
#include <elf.h>

#include <cstring>

#include <gtest/gtest.h>

#include "common/error.h"
#include "vm/pvh_kernel.h"

namespace kmh {
namespace {

template <typename T>
void put(std::string &bytes, std::size_t offset, const T &value)
{
	if (bytes.size() < offset + sizeof(T))
		bytes.resize(offset + sizeof(T));
	std::memcpy(bytes.data() + offset, &value, sizeof(T));
}

// A bzImage-shaped buffer: 2 setup sectors after the boot sector, payload 16 bytes into the
// protected-mode part.
std::string fake_bzimage(const std::string &payload)
{
	std::string image(0x600 + 16, '\0');
	image[0x1F1] = 2;
	put<std::uint32_t>(image, 0x248, 16);
	put<std::uint32_t>(image, 0x24C, static_cast<std::uint32_t>(payload.size()));
	return image + payload;
}

// A minimal ELF64 whose only segment is a PT_NOTE holding one note.
std::string fake_elf(const char *note_name, unsigned note_type)
{
	std::string elf;
	Elf64_Ehdr header{};
	std::memcpy(header.e_ident, ELFMAG, SELFMAG);
	header.e_ident[EI_CLASS] = ELFCLASS64;
	header.e_phoff = sizeof(Elf64_Ehdr);
	header.e_phentsize = sizeof(Elf64_Phdr);
	header.e_phnum = 1;
	put(elf, 0, header);
	std::size_t notes_at = sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr);
	Elf64_Nhdr note{ static_cast<Elf64_Word>(std::strlen(note_name) + 1), 4, note_type };
	put(elf, notes_at, note);
	std::string name(note_name);
	name.resize(8, '\0');
	elf += name + std::string(4, '\x01');
	Elf64_Phdr segment{};
	segment.p_type = PT_NOTE;
	segment.p_offset = notes_at;
	segment.p_filesz = elf.size() - notes_at;
	put(elf, sizeof(Elf64_Ehdr), segment);
	return elf;
}

TEST(PvhKernel, PayloadIsFoundFromTheSetupHeader)
{
	std::string image = fake_bzimage("\xFD" "7zXZ" "rest");
	PayloadLocation where = bzimage_payload(image);
	EXPECT_EQ(where.offset, 3u * 512 + 16);
	EXPECT_EQ(where.length, 9u);
	EXPECT_EQ(payload_decompressor(std::string_view(image).substr(where.offset)).front(), "xz");
}

TEST(PvhKernel, PayloadOutsideTheImageIsRejected)
{
	std::string image = fake_bzimage("abc");
	put<std::uint32_t>(image, 0x24C, 1000);
	EXPECT_THROW(bzimage_payload(image), Error);
	EXPECT_THROW(bzimage_payload("short"), Error);
}

TEST(PvhKernel, DecompressorFollowsTheMagic)
{
	EXPECT_EQ(payload_decompressor("\x02\x21\x4C\x18....").front(), "lz4");
	EXPECT_EQ(payload_decompressor("\x1F\x8B\x08....").front(), "gzip");
	EXPECT_EQ(payload_decompressor("\x28\xB5\x2F\xFD....").front(), "zstd");
	EXPECT_TRUE(payload_decompressor("BZh91AY").empty());  // bzip2: not handled, boot the bzImage
}

TEST(PvhKernel, PvhNoteIsRecognised)
{
	EXPECT_TRUE(has_pvh_note(fake_elf("Xen", 18)));
	EXPECT_FALSE(has_pvh_note(fake_elf("Xen", 17)));  // another Xen note: no PVH entry
	EXPECT_FALSE(has_pvh_note(fake_elf("GNU", 18)));
	EXPECT_FALSE(has_pvh_note("not an elf at all, just text"));
}

}  // namespace
}  // namespace kmh

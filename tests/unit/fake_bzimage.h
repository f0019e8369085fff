// A fake bzImage for tests that read a kernel image's setup header (vm/kernel_image.h).
#pragma once

#include <string>

namespace kmh {

// A fake bzImage: the "HdrS" magic at 0x202 and kernel_version at 0x20E pointing 0x200 short of
// the version string, as the x86 boot protocol lays it out; setup_sects (0x1F1) and syssize
// (0x1F4, in 16-byte units) declare the whole file as setup sectors and the kernel after them.
inline std::string fake_bzimage(const std::string &version, unsigned version_offset = 0x3c00)
{
	std::string image(version_offset + version.size() + 64, '\x90');
	image[0x1F1] = 1;
	unsigned paragraphs = static_cast<unsigned>(image.size() - 2 * 512) / 16;
	for (int i = 0; i < 4; i++)
		image[0x1F4 + i] = static_cast<char>(paragraphs >> (8 * i) & 0xff);
	image.replace(0x202, 4, "HdrS");
	unsigned pointer = version_offset - 0x200;
	image[0x20E] = static_cast<char>(pointer & 0xff);
	image[0x20F] = static_cast<char>(pointer >> 8);
	image.replace(version_offset, version.size() + 1, version + '\0');
	return image;
}

}  // namespace kmh

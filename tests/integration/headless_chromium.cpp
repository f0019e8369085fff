// The Chromium flags that run it headless on a machine without a display or network, and the PNG header read.
#include "headless_chromium.h"

#include <fstream>

namespace kmh::integration {

std::vector<std::string> chromium_command(const std::string &profile_dir)
{
	return {"chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + profile_dir};
}

namespace {

unsigned big_endian(const unsigned char *bytes)
{
	return (unsigned(bytes[0]) << 24) | (unsigned(bytes[1]) << 16) | (unsigned(bytes[2]) << 8) | unsigned(bytes[3]);
}

}  // namespace

std::optional<std::pair<unsigned, unsigned>> png_size(const std::string &path)
{
	// The 8-byte signature, then the IHDR chunk: length (4), "IHDR", width (4), height (4).
	unsigned char header[24] = {};
	std::ifstream png(path, std::ios::binary);
	if (!png.read(reinterpret_cast<char *>(header), sizeof header))
		return std::nullopt;
	if (std::string(reinterpret_cast<char *>(header), 8) != std::string("\x89PNG\r\n\x1a\n", 8) ||
	    std::string(reinterpret_cast<char *>(header) + 12, 4) != "IHDR")
		return std::nullopt;
	return std::make_pair(big_endian(header + 16), big_endian(header + 20));
}

}  // namespace kmh::integration

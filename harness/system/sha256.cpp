// SHA-256 through OpenSSL's EVP interface.
#include "system/sha256.h"

#include <openssl/evp.h>

#include <fmt/core.h>

namespace kmh {

std::string sha256_hex(const std::string &text)
{
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned int length = 0;
	EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr);
	std::string hex;
	for (unsigned int i = 0; i < length; ++i)
		hex += fmt::format("{:02x}", digest[i]);
	return hex;
}

}  // namespace kmh

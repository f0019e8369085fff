// Decoding the guest's base64'd tar and unpacking it into the host's output folder.
#include "vm/guest_output.h"

#include <openssl/evp.h>

#include <filesystem>
#include <fmt/format.h>

#include "common/error.h"
#include "common/external_programs.h"
#include "system/file_io.h"
#include "vm/command.h"
#include "vm/guest_init.h"

namespace kmh {

namespace {

std::string base64_decode(const std::string &text)
{
	std::string bytes(text.size() / 4 * 3, '\0');
	int length = EVP_DecodeBlock(reinterpret_cast<unsigned char *>(bytes.data()),
				     reinterpret_cast<const unsigned char *>(text.data()), static_cast<int>(text.size()));
	if (text.size() % 4 != 0 || length < 0)
		throw run_error("the guest's output is not valid base64 (was the serial transfer garbled?)");
	std::size_t padding = text.ends_with("==") ? 2 : text.ends_with("=") ? 1 : 0;
	bytes.resize(static_cast<std::size_t>(length) - padding);
	return bytes;
}

std::optional<int> exit_code_of(const std::string &line)
{
	try {
		return std::stoi(line.substr(std::string(guest_exit_code_prefix).size()));
	} catch (const std::logic_error &) {
		return std::nullopt;
	}
}

// A line of busybox base64's output; anything else inside the frame is a kernel message.
bool is_base64_line(const std::string &line)
{
	return !line.empty() && line.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") ==
					std::string::npos;
}

}  // namespace

GuestOutput parse_guest_output(const std::vector<std::string> &console)
{
	GuestOutput output;
	std::string encoded;
	bool inside = false;
	for (const std::string &line : console) {
		if (line.starts_with(guest_exit_code_prefix)) {
			output.exit_code = exit_code_of(line);
		} else if (line == guest_output_begin) {
			inside = true;
		} else if (line == guest_output_end && inside) {
			output.complete = true;
			inside = false;
		} else if (inside && is_base64_line(line)) {
			encoded += line;
		}
	}
	if (output.complete)
		output.tar = base64_decode(encoded);
	return output;
}

std::vector<std::string> console_without_output(const std::vector<std::string> &console)
{
	std::vector<std::string> kept;
	bool inside = false;
	std::size_t dropped = 0;
	for (const std::string &line : console) {
		if (line == guest_output_begin)
			inside = true;
		else if (line == guest_output_end)
			inside = false;
		if (inside && is_base64_line(line)) {
			dropped++;
			continue;
		}
		if (line == guest_output_end)
			kept.push_back(fmt::format("[{} lines of base64 output taken into the output folder]", dropped));
		kept.push_back(line);
	}
	return kept;
}

void extract_guest_output(const GuestOutput &output, const std::string &directory)
{
	std::filesystem::create_directories(directory);
	std::string archive = (std::filesystem::path(directory) / "guest-output.tar.gz").string();
	write_file_atomically(archive, output.tar);
	CommandOutput tar = run_command({require_program("tar"), "-xzf", archive, "-C", directory});
	std::filesystem::remove(archive);
	if (tar.exit_status != 0)
		throw run_error("unpacking the guest's output failed: " + last_lines(tar.output, 5));
}

}  // namespace kmh

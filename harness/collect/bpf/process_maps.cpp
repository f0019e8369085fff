// Reading /proc/<pid>/maps and finding the C library in it.
#include "collect/bpf/process_maps.h"

#include <regex>

#include "system/file_io.h"
#include "system/proc_text.h"

namespace kmh {

namespace {

// "start-end perms offset dev inode path": the path is what follows the fifth field.
std::string mapped_path(std::string_view line)
{
	std::size_t position = 0;
	for (int field = 0; field < 5; field++) {
		position = line.find_first_not_of(' ', position);
		position = line.find(' ', position);
		if (position == std::string_view::npos)
			return {};
	}
	position = line.find_first_not_of(' ', position);
	return position == std::string_view::npos ? std::string() : std::string(line.substr(position));
}

bool is_libc(const std::string &path)
{
	static const std::regex libc_name("libc(-[0-9.]+)?\\.so(\\.[0-9]+)*");
	std::string name = path.substr(path.rfind('/') + 1);
	return std::regex_match(name, libc_name);
}

}  // namespace

std::optional<std::string> read_process_maps(int pid)
{
	return read_text_file("/proc/" + std::to_string(pid) + "/maps");
}

std::optional<std::string> mapped_libc_path(const std::string &maps_text)
{
	for (const ProcLine &line : split_proc_lines(maps_text, "maps")) {
		std::string path = mapped_path(line.text);
		if (!path.empty() && path.front() == '/' && is_libc(path))
			return path;
	}
	return std::nullopt;
}

std::optional<std::string> mapped_file_path(const std::string &maps_text, const std::string &binary)
{
	if (binary == "libc")
		return mapped_libc_path(maps_text);
	for (const ProcLine &line : split_proc_lines(maps_text, "maps")) {
		std::string path = mapped_path(line.text);
		if (path.empty() || path.front() != '/')
			continue;
		if (path == binary || (binary.front() != '/' && path.substr(path.rfind('/') + 1) == binary))
			return path;
	}
	return std::nullopt;
}

}  // namespace kmh

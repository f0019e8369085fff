// Whole-file reads and writes with errors that name the file.
#include "system/file_io.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <fstream>

#include "common/error.h"
#include "system/errno_error.h"

namespace kmh {

std::optional<std::string> read_text_file(const std::string &path)
{
	int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return std::nullopt;
	std::string text;
	char buffer[65536];
	ssize_t got;
	while ((got = read(fd, buffer, sizeof(buffer))) > 0)
		text.append(buffer, static_cast<std::size_t>(got));
	close(fd);
	if (got < 0)
		return std::nullopt;
	return text;
}

void write_text_file(const std::string &path, const std::string &text)
{
	int fd = open(path.c_str(), O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		throw errno_error(ExitCode::run_failed, "cannot open " + path + " for writing");
	ssize_t written = write(fd, text.data(), text.size());
	int error = errno;
	close(fd);
	if (written != static_cast<ssize_t>(text.size()))
		throw errno_error(ExitCode::run_failed, "cannot write '" + text + "' to " + path, error);
}

void write_file_atomically(const std::string &path, const std::string &content)
{
	std::string temporary = path + ".tmp";
	{
		std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
		out << content;
		out.flush();
		if (!out) {
			int saved_errno = errno;
			std::remove(temporary.c_str());
			throw errno_error(ExitCode::run_failed, "cannot write " + temporary, saved_errno);
		}
	}
	if (std::rename(temporary.c_str(), path.c_str()) != 0) {
		int saved_errno = errno;
		std::remove(temporary.c_str());
		throw errno_error(ExitCode::run_failed, "cannot rename " + temporary + " to " + path, saved_errno);
	}
}

}  // namespace kmh

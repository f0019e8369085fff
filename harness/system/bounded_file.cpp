// Reading a file named by the user: a regular file only, no larger than the limit for its kind.
#include "system/bounded_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "common/error.h"

namespace kmh {

namespace {

const char *file_type_name(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISSOCK(mode))
		return "a socket";
	return "not a regular file";
}

// Closes the descriptor on every way out.
class InputFd {
public:
	InputFd(const std::string &path, const InputFileKind &kind)
		: fd_(open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY))
	{
		if (fd_ < 0)
			throw Error(kind.unreadable, fmt::format("cannot read {} '{}': {}", kind.what, path, std::strerror(errno)));
	}
	~InputFd() { close(fd_); }
	InputFd(const InputFd &) = delete;
	InputFd &operator=(const InputFd &) = delete;
	int get() const { return fd_; }

private:
	int fd_;
};

[[noreturn]] void too_large(const std::string &path, const InputFileKind &kind, const std::string &size)
{
	throw invalid_input(fmt::format("{} '{}' is {}; a {} may be at most {}", kind.what, path, size, kind.what,
					byte_limit_text(kind.max_bytes)));
}

void check_open_file(int fd, const std::string &path, const InputFileKind &kind)
{
	struct stat status {};
	if (fstat(fd, &status) != 0)
		throw Error(kind.unreadable, fmt::format("cannot read {} '{}': {}", kind.what, path, std::strerror(errno)));
	if (!S_ISREG(status.st_mode))
		throw invalid_input(fmt::format("{} '{}' is {}; a {} must be a regular file", kind.what, path,
						file_type_name(status.st_mode), kind.what));
	if (static_cast<std::uint64_t>(status.st_size) > kind.max_bytes)
		too_large(path, kind, fmt::format("{} bytes", status.st_size));
}

}  // namespace

std::string byte_limit_text(std::uint64_t bytes)
{
	if (bytes % (1ULL << 20) == 0)
		return fmt::format("{} MiB", bytes >> 20);
	if (bytes % (1ULL << 10) == 0)
		return fmt::format("{} KiB", bytes >> 10);
	return fmt::format("{} bytes", bytes);
}

std::string read_input_file(const std::string &path, const InputFileKind &kind)
{
	InputFd fd(path, kind);
	check_open_file(fd.get(), path, kind);
	std::string text;
	char buffer[65536];
	ssize_t got;
	while ((got = read(fd.get(), buffer, sizeof(buffer))) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			throw Error(kind.unreadable, fmt::format("cannot read {} '{}': {}", kind.what, path, std::strerror(errno)));
		if (text.size() + static_cast<std::size_t>(got) > kind.max_bytes)
			too_large(path, kind, "over the limit (it grew while being read)");
		text.append(buffer, static_cast<std::size_t>(got));
	}
	return text;
}

void check_input_file(const std::string &path, const InputFileKind &kind)
{
	InputFd fd(path, kind);
	check_open_file(fd.get(), path, kind);
}

}  // namespace kmh

// flock(2) on an open file description, with the holder's note written into the file.
#include "system/file_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "common/error.h"

namespace kmh {

FileLock::FileLock(const std::string &path) : path_(path)
{
	std::error_code ignored;
	std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ignored);
	fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd_ < 0)
		throw environment_error("cannot open the lock file " + path + ": " + std::strerror(errno));
}

FileLock::~FileLock()
{
	close(fd_);
}

bool FileLock::try_lock()
{
	while (flock(fd_, LOCK_EX | LOCK_NB) != 0) {
		if (errno == EWOULDBLOCK)
			return false;
		if (errno != EINTR)
			throw environment_error("cannot lock " + path_ + ": " + std::strerror(errno));
	}
	return true;
}

void FileLock::write_owner(const std::string &text)
{
	if (ftruncate(fd_, 0) != 0 || pwrite(fd_, text.data(), text.size(), 0) != static_cast<ssize_t>(text.size()))
		throw environment_error("cannot write " + path_ + ": " + std::strerror(errno));
}

std::string FileLock::owner() const
{
	char buffer[256];
	ssize_t count = pread(fd_, buffer, sizeof(buffer), 0);
	return count > 0 ? std::string(buffer, static_cast<std::size_t>(count)) : "";
}

}  // namespace kmh

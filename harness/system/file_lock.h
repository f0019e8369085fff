// An exclusive flock(2) on a file: held while the object lives, dropped by the kernel when the process dies.
#pragma once

#include <string>

namespace kmh {

class FileLock {
public:
	// Opens `path` (created 0644, close-on-exec, so programs the harness executes do not hold it)
	// and its folder when missing. Throws environment_error naming the file when it cannot.
	explicit FileLock(const std::string &path);
	~FileLock();  // releases the lock
	FileLock(const FileLock &) = delete;
	FileLock &operator=(const FileLock &) = delete;

	// Takes the lock when nobody holds it; false when another open file description does.
	bool try_lock();
	// Replaces the file's text (while locked: who holds it, for those who wait).
	void write_owner(const std::string &text);
	// The file's text as the last holder wrote it.
	std::string owner() const;

private:
	std::string path_;
	int fd_ = -1;
};

}  // namespace kmh

// A line written to a file descriptor at a fixed interval while an object lives: a sign of life for whoever reads it.
#include "system/heartbeat.h"

#include <unistd.h>

namespace kmh {

Heartbeat::Heartbeat(int fd, std::string line, std::chrono::milliseconds interval)
	: fd_(fd), line_(std::move(line) + "\n"), interval_(interval), thread_([this] { beat(); })
{
}

Heartbeat::~Heartbeat()
{
	{
		std::lock_guard<std::mutex> lock(mutex_);
		stopping_ = true;
	}
	stop_requested_.notify_one();
	thread_.join();
}

void Heartbeat::beat()
{
	std::unique_lock<std::mutex> lock(mutex_);
	while (!stop_requested_.wait_for(lock, interval_, [this] { return stopping_; })) {
		ssize_t written = write(fd_, line_.data(), line_.size());
		(void)written;  // a reader gone is no reason to stop the run
	}
}

}  // namespace kmh

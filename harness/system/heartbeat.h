// A line written to a file descriptor at a fixed interval while an object lives: a sign of life for whoever reads it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace kmh {

// Writes `line` and a newline to `fd` every `interval` from a thread of its own, each time in one
// write(2), so it never splits another writer's line on a terminal; stops (and joins) when
// destroyed, never in the middle of a write.
class Heartbeat {
public:
	Heartbeat(int fd, std::string line, std::chrono::milliseconds interval);
	~Heartbeat();
	Heartbeat(const Heartbeat &) = delete;
	Heartbeat &operator=(const Heartbeat &) = delete;

private:
	void beat();

	int fd_;
	std::string line_;
	std::chrono::milliseconds interval_;
	std::mutex mutex_;
	std::condition_variable stop_requested_;
	bool stopping_ = false;
	std::thread thread_;
};

}  // namespace kmh

// Taking the machine's run lock: at once, after waiting for the run that holds it, or not at all.
#include "run/machine_lock.h"

#include <unistd.h>

#include <chrono>
#include <thread>

#include <fmt/core.h>

#include "common/error.h"
#include "system/interrupt_watch.h"

namespace kmh {

namespace {

constexpr std::chrono::milliseconds poll_interval{ 200 };

std::string lock_path()
{
	return std::string(machine_state_dir) + "/measure.lock";
}

std::string holder_text(const FileLock &lock)
{
	std::string owner = lock.owner();
	return owner.empty() ? "another kmemharness run" : "kmemharness " + owner;
}

}  // namespace

MachineRunLock::MachineRunLock(MachineWait wait, Progress &progress)
	: lock_(lock_path())
{
	if (!lock_.try_lock()) {
		std::string holder = holder_text(lock_);
		if (wait == MachineWait::refuse)
			throw environment_error(fmt::format("{} is measuring on this machine (it holds {}); --no-wait "
							    "was given, so this run does not wait for it",
							    holder, lock_path()));
		progress.step(fmt::format("waiting for {} to finish (one measuring run per machine; {})", holder,
					  lock_path()));
		while (!lock_.try_lock()) {
			InterruptWatch::throw_if_signalled();
			std::this_thread::sleep_for(poll_interval);
		}
		progress.done();
	}
	lock_.write_owner(fmt::format("pid {}", getpid()));
}

}  // namespace kmh

// Turns SIGINT, SIGTERM and SIGHUP into a readable file descriptor the runner polls.
#pragma once

namespace kmh {

class InterruptWatch {
public:
	// Installs the handlers; a watch made while another is installed shares it (and what it caught).
	InterruptWatch();
	~InterruptWatch();  // the last one restores the previous handlers
	InterruptWatch(const InterruptWatch &) = delete;
	InterruptWatch &operator=(const InterruptWatch &) = delete;

	int fd() const;  // becomes readable once a signal arrived
	bool interrupted() const;
	int signal_number() const;

	// The signal a watch caught since it was installed (0 = none), for code that waits without the
	// watch object at hand (a QEMU guest, a build command); stays set until the next watch.
	static int pending_signal();
	// Throws run_error "interrupted by signal N" when a signal is pending.
	static void throw_if_signalled();

	// In a forked child: back to the default dispositions.
	static void reset_in_child();
};

}  // namespace kmh

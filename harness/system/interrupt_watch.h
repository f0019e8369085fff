// Turns SIGINT, SIGTERM and SIGHUP into a readable file descriptor the runner polls.
#pragma once

namespace kmh {

class InterruptWatch {
public:
	InterruptWatch();   // installs the handlers
	~InterruptWatch();  // restores the previous ones
	InterruptWatch(const InterruptWatch &) = delete;
	InterruptWatch &operator=(const InterruptWatch &) = delete;

	int fd() const;  // becomes readable once a signal arrived
	bool interrupted() const;
	int signal_number() const;

	// In a forked child: back to the default dispositions.
	static void reset_in_child();
};

}  // namespace kmh

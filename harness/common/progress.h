// Progress lines for long work: a live status line on a terminal, plain timestamped lines otherwise.
#pragma once

#include <chrono>
#include <string>

namespace kmh {

class Progress {
public:
	// Interactive when stderr is a terminal and CI is not set; quiet prints nothing at all.
	enum class Style { interactive, plain, quiet };
	static Style detect_style(bool quiet);

	explicit Progress(Style style);

	// A step that starts now; on a terminal it stays on one line until done() or the next step.
	void step(const std::string &what);
	// The current step finished; prints its duration.
	void done(const std::string &outcome = "done");
	// A line that is kept, e.g. a warning.
	void note(const std::string &line);

private:
	void clear_live_line();

	Style style_;
	std::string current_;
	std::chrono::steady_clock::time_point started_;
	bool live_line_ = false;
};

}  // namespace kmh

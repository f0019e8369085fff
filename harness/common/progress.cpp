// Terminal-aware progress output on stderr.
#include "common/progress.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include <fmt/core.h>

namespace kmh {

Progress::Style Progress::detect_style(bool quiet)
{
	if (quiet)
		return Style::quiet;
	bool ci = std::getenv("CI") != nullptr;
	return isatty(STDERR_FILENO) && !ci ? Style::interactive : Style::plain;
}

Progress::Progress(Style style) : style_(style) {}

void Progress::step(const std::string &what)
{
	if (style_ == Style::quiet)
		return;
	if (!current_.empty())
		done();
	current_ = what;
	started_ = std::chrono::steady_clock::now();
	if (style_ == Style::interactive) {
		fmt::print(stderr, "\r\033[K  … {}", what);
		live_line_ = true;
	} else {
		fmt::print(stderr, "[kmemharness] {}\n", what);
	}
	std::fflush(stderr);
}

void Progress::done(const std::string &outcome)
{
	if (style_ == Style::quiet || current_.empty())
		return;
	double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
	if (style_ == Style::interactive) {
		clear_live_line();
		fmt::print(stderr, "  ✓ {} ({}, {:.2f} s)\n", current_, outcome, seconds);
	} else {
		fmt::print(stderr, "[kmemharness] {}: {} ({:.2f} s)\n", current_, outcome, seconds);
	}
	current_.clear();
	std::fflush(stderr);
}

void Progress::note(const std::string &line)
{
	if (style_ == Style::quiet)
		return;
	clear_live_line();
	fmt::print(stderr, "{}{}\n", style_ == Style::plain ? "[kmemharness] " : "  ", line);
	if (style_ == Style::interactive && !current_.empty()) {
		fmt::print(stderr, "  … {}", current_);
		live_line_ = true;
	}
	std::fflush(stderr);
}

void Progress::clear_live_line()
{
	if (live_line_)
		fmt::print(stderr, "\r\033[K");
	live_line_ = false;
}

}  // namespace kmh

// Reading the guest's serial console: crash lines (oops, BUG, panic) and the excerpt reported.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kmh {

// A kernel message ("[    3.245363] ...") saying the kernel crashed or found itself broken:
// "Oops:", "BUG:" (also soft/hard lockups), "kernel BUG at", "Kernel panic",
// "general protection fault". Lines without the printk time stamp are not kernel messages.
bool is_crash_line(std::string_view line);

// The first crash line and up to `context` lines after it (the call trace), or nothing.
std::vector<std::string> crash_excerpt(const std::vector<std::string> &console, std::size_t context);

// A line printed by the kernel: it starts with a printk time stamp "[    3.245363] ".
bool is_kernel_message(std::string_view line);

// A console line as the guest's and the kernel's parts: the serial console prints a kernel
// message the moment it is made, so it can land inside a line the guest is writing, before its
// newline ("kmemharness-guest: init ready[    2.339072] tsc: ..."). Such a line is two: the
// guest's text, then the kernel message. Any other line is itself.
std::vector<std::string> split_interleaved_message(const std::string &line);

// A console line without the carriage return the tty adds, terminal escape sequences
// ("\033[2J") and other control characters.
std::string console_line(std::string_view raw);

}  // namespace kmh

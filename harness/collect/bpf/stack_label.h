// The `stack` label of a user stack: a short, stable, readable name made of its innermost frames.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "report/collected_stack.h"

namespace kmh {

inline constexpr std::size_t stack_label_frames = 4;
inline const char *const no_stack_label = "[no stack]";

// A demangled C++ name without its return type, template arguments, parameter list, qualifiers
// and clone suffixes: "std::vector<int>::push_back(int const&) [clone .isra.0]" ->
// "std::vector::push_back". "(anonymous namespace)" and operator names stay.
std::string short_function_name(const std::string &name);

// Up to `max_frames` innermost frames, joined by " <- ": each function's short_function_name(),
// or "[module file name]" when no symbol covers the address. No addresses or offsets, so the
// same code path gives the same label from run to run. The label ends before the first address
// that lies in no mapped file: a frame-pointer walk that went astray in code built without frame
// pointers ("[unknown]" when it is the first). A first frame at offset 0 of its symbol is the
// probed function's own entry (some kernels put it first in a uretprobe's stack) and is left out.
std::string stack_label(const std::vector<StackFrame> &frames, std::size_t max_frames = stack_label_frames);

}  // namespace kmh

// The attach variants a scenario ([collect] attach) or `run --attach` may force, and their names.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kmh {

enum class AttachMode { automatic, tp_btf, raw_tp, tracepoint };

// "auto", "tp_btf", "raw_tp", "tracepoint": the one place they are written. collect/'s
// tracepoint attach variants carry the same names.
const char *attach_mode_name(AttachMode mode);

// Every mode's name, in the enum's order: what the parser and the command line accept.
std::vector<std::string> attach_mode_names();

// The mode of that name, or nullopt.
std::optional<AttachMode> find_attach_mode(const std::string &name);

}  // namespace kmh

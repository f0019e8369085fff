// The attach variants a scenario ([collect] attach) or `run --attach` may force, and their names.
#include "scenario/attach_mode.h"

#include <utility>

namespace kmh {

namespace {

const std::vector<std::pair<AttachMode, const char *>> &modes()
{
	static const std::vector<std::pair<AttachMode, const char *>> table = {
		{AttachMode::automatic, "auto"},
		{AttachMode::tp_btf, "tp_btf"},
		{AttachMode::raw_tp, "raw_tp"},
		{AttachMode::tracepoint, "tracepoint"},
	};
	return table;
}

}  // namespace

const char *attach_mode_name(AttachMode mode)
{
	for (const auto &[known, name] : modes())
		if (known == mode)
			return name;
	return "?";
}

std::vector<std::string> attach_mode_names()
{
	std::vector<std::string> names;
	for (const auto &entry : modes())
		names.push_back(entry.second);
	return names;
}

std::optional<AttachMode> find_attach_mode(const std::string &name)
{
	for (const auto &[mode, known] : modes())
		if (known == name)
			return mode;
	return std::nullopt;
}

}  // namespace kmh

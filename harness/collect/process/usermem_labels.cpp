// Turning raw comm bytes, errno values, IPC keys, shmctl commands and file names into label values.
#include "collect/process/usermem_labels.h"

#include <cstring>

#include <fmt/core.h>

namespace kmh {

namespace {

struct NamedCommand {
	std::int32_t cmd;
	const char *name;
};

// include/uapi/linux/ipc.h and include/uapi/linux/shm.h.
const NamedCommand shmctl_commands[] = {
	{0, "IPC_RMID"},  {1, "IPC_SET"},    {2, "IPC_STAT"},  {3, "IPC_INFO"},
	{11, "SHM_LOCK"}, {12, "SHM_UNLOCK"}, {13, "SHM_STAT"}, {14, "SHM_INFO"}, {15, "SHM_STAT_ANY"},
};

std::string bounded(const char *text, std::size_t size)
{
	return std::string(text, strnlen(text, size));
}

}  // namespace

std::string comm_label(const char *comm, std::size_t size)
{
	std::string label;
	for (unsigned char c : bounded(comm, size)) {
		if (c >= 0x20 && c < 0x7f && c != '\\')
			label += static_cast<char>(c);
		else
			label += fmt::format("\\x{:02x}", c);
	}
	return label;
}

std::string result_label(std::uint32_t error)
{
	if (error == 0)
		return "ok";
	const char *name = strerrorname_np(static_cast<int>(error));
	return name ? name : "E" + std::to_string(error);
}

std::string ipc_key_label(std::uint32_t key)
{
	return fmt::format("0x{:08x}", key);
}

std::string shmctl_cmd_label(std::int32_t cmd)
{
	for (const NamedCommand &command : shmctl_commands)
		if (command.cmd == cmd)
			return command.name;
	return std::to_string(cmd);
}

std::string hugetlb_mapping_label(const char *name, std::size_t size)
{
	std::string file = bounded(name, size);
	if (file.empty() || file == "anon_hugepage")
		return "anon";
	return file;
}

}  // namespace kmh

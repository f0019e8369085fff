// Reading and writing the host files the lifecycle tests watch.
#include "machine_state.h"

#include <filesystem>
#include <fstream>
#include <iterator>

namespace kmh::integration {

std::string read_first_line(const std::string &path)
{
	std::ifstream in(path);
	std::string line;
	std::getline(in, line);
	return line;
}

bool write_proc_file(const std::string &path, const std::string &text)
{
	std::ofstream out(path);
	out << text;
	out.flush();
	return static_cast<bool>(out);
}

bool wait_for_file_value(ChildProcess &child, const std::string &path, const std::string &value,
			 std::chrono::milliseconds limit)
{
	auto deadline = std::chrono::steady_clock::now() + limit;
	while (child.output_open() && std::chrono::steady_clock::now() < deadline) {
		if (read_first_line(path) == value)
			return true;
		child.pump_output_for(std::chrono::milliseconds(50));
	}
	return read_first_line(path) == value;
}

std::vector<RunningProcess> processes_mentioning(const std::string &text)
{
	std::vector<RunningProcess> found;
	std::error_code ignored;
	for (const auto &entry : std::filesystem::directory_iterator("/proc", ignored)) {
		std::string name = entry.path().filename().string();
		if (name.find_first_not_of("0123456789") != std::string::npos)
			continue;
		std::ifstream in(entry.path() / "cmdline");
		std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
		RunningProcess process{ static_cast<pid_t>(std::stol(name)), {} };
		bool mentions = false;
		for (std::size_t start = 0; start < raw.size();) {
			std::size_t end = raw.find('\0', start);
			process.argv.push_back(raw.substr(start, end - start));
			mentions = mentions || process.argv.back().find(text) != std::string::npos;
			start = end == std::string::npos ? raw.size() : end + 1;
		}
		if (mentions)
			found.push_back(process);
	}
	return found;
}

}  // namespace kmh::integration

// Which compiler built a kernel, read from its headers' .config, and whether this host has it.
#include "vm/kernel_compiler.h"

#include <sstream>

#include "common/error.h"
#include "common/external_programs.h"
#include "system/file_io.h"

namespace kmh {

namespace {

constexpr std::string_view compiler_key = "CONFIG_CC_VERSION_TEXT=";

}  // namespace

std::string kernel_compiler_text(const std::string &headers_dir)
{
	std::istringstream config(read_text_file(headers_dir + "/.config").value_or(""));
	for (std::string line; std::getline(config, line);) {
		if (!line.starts_with(compiler_key))
			continue;
		std::string value = line.substr(compiler_key.size());
		if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
			value = value.substr(1, value.size() - 2);
		return value;
	}
	return "";
}

std::string kernel_compiler_program(const std::string &compiler_text)
{
	return compiler_text.substr(0, compiler_text.find(' '));
}

void require_kernel_compiler(const std::string &headers_dir, const std::string &release)
{
	std::string text = kernel_compiler_text(headers_dir);
	std::string program = kernel_compiler_program(text);
	if (program.empty() || find_program(program))
		return;
	throw environment_error("the kernel " + release + " was built by " + text + " (CONFIG_CC_VERSION_TEXT in " +
				headers_dir + "/.config) and this host has no " + program +
				" in PATH: its module must be built by that compiler (another one is refused by the "
				"kernel's build flags or builds a module the kernel may not load). Install it, or run "
				"the kmod scenarios on a machine of the kernel's own suite; scenarios without kmod "
				"workloads run on this kernel without it");
}

}  // namespace kmh

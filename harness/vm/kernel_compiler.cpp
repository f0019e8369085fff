// Which compiler built a kernel, read from its headers' .config, and where it can be run: this host or the kernel's own suite root.
#include "vm/kernel_compiler.h"

#include <filesystem>
#include <sstream>

#include "common/error.h"
#include "common/external_programs.h"
#include "system/file_io.h"

namespace kmh {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view compiler_key = "CONFIG_CC_VERSION_TEXT=";

// <root> of <root>/usr/src/linux-headers-<release>, or nullopt for headers anywhere else.
std::optional<fs::path> headers_root(const std::string &headers_dir)
{
	fs::path src = fs::path(headers_dir).lexically_normal().parent_path();
	if (src.filename() != "src" || src.parent_path().filename() != "usr")
		return std::nullopt;
	return src.parent_path().parent_path();
}

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

std::optional<std::string> module_build_root(const std::string &headers_dir, const std::string &release)
{
	std::string text = kernel_compiler_text(headers_dir);
	std::string program = kernel_compiler_program(text);
	if (program.empty() || find_program(program))
		return std::nullopt;
	std::optional<fs::path> root = headers_root(headers_dir);
	std::error_code missing;
	if (root && *root != "/" && fs::is_regular_file(*root / "usr/bin" / program, missing))
		return root->string();
	throw environment_error("the kernel " + release + " was built by " + text + " (CONFIG_CC_VERSION_TEXT in " +
				headers_dir + "/.config), and neither this host's PATH nor the root its headers are in "
				"has " + program + ": its module must be built by that compiler (another one is "
				"refused by the kernel's build flags, or builds a module the kernel may not load). "
				"`bash scripts/fetch-kernel.sh SUITE --toolchain` makes a root of the kernel's suite "
				"with it; scenarios without kmod workloads run on this kernel without it");
}

}  // namespace kmh

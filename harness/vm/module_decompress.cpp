// Choosing a compressed module's decompressor by its suffix and running it on the staged copy.
#include "vm/module_decompress.h"

#include <array>
#include <filesystem>

#include <fmt/core.h>

#include "common/error.h"
#include "common/external_programs.h"
#include "vm/command.h"

namespace kmh {

namespace fs = std::filesystem;

namespace {

struct CompressionSuffix {
	const char *suffix;
	ModuleDecompressor decompressor;
};

// -f: overwrite an x.ko left by an earlier staging; xz and gzip remove the compressed file
// themselves, zstd only with --rm.
const std::array<CompressionSuffix, 3> &compression_suffixes()
{
	static const std::array<CompressionSuffix, 3> suffixes = {{
		{ ".xz", { "xz", { "-d", "-f" } } },
		{ ".zst", { "zstd", { "-d", "-q", "-f", "--rm" } } },
		{ ".gz", { "gzip", { "-d", "-f" } } },
	}};
	return suffixes;
}

const CompressionSuffix *compression_of(const std::string &file)
{
	for (const CompressionSuffix &entry : compression_suffixes())
		if (file.ends_with(std::string(".ko") + entry.suffix))
			return &entry;
	return nullptr;
}

}  // namespace

std::optional<ModuleDecompressor> module_decompressor(const std::string &file)
{
	if (file.ends_with(".ko"))
		return std::nullopt;
	if (const CompressionSuffix *compression = compression_of(file))
		return compression->decompressor;
	throw environment_error(fmt::format("kernel module {}: not a .ko file, nor one compressed with xz (.ko.xz), "
					    "zstd (.ko.zst) or gzip (.ko.gz)", file));
}

std::string uncompressed_module_path(const std::string &file)
{
	const CompressionSuffix *compression = compression_of(file);
	return compression ? file.substr(0, file.size() - std::string(compression->suffix).size()) : file;
}

void stage_module(const std::string &module, const std::string &target)
{
	std::optional<ModuleDecompressor> decompressor = module_decompressor(module);
	fs::path copy = target + module.substr(uncompressed_module_path(module).size());
	fs::create_directories(fs::path(target).parent_path());
	fs::copy_file(fs::canonical(module), copy, fs::copy_options::overwrite_existing);
	if (!decompressor)
		return;
	std::vector<std::string> argv = { require_program(decompressor->program) };
	argv.insert(argv.end(), decompressor->arguments.begin(), decompressor->arguments.end());
	argv.push_back(copy.string());
	CommandOutput output = run_command(argv);
	if (output.exit_status != 0 || !fs::is_regular_file(target))
		throw run_error(fmt::format("decompressing {} with {} failed: {}", module, decompressor->program,
					    last_lines(output.output, 5)));
}

}  // namespace kmh

// Every program the harness, the workloads, the tests and the benchmarks run is in scripts/external-programs.tsv.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "common/error.h"
#include "common/external_programs.h"

namespace kmh {
namespace {

namespace fs = std::filesystem;

// The ways a line of code names a program it runs: a look-up (harness, bench, tests' program_gap), an
// argv written out in a call, a command line popen()ed or returned as a brace list, a table entry
// of a program and its options ({"xz", {"-d", ...}}).
const std::vector<std::regex> &program_patterns()
{
	static const std::vector<std::regex> patterns = {
		std::regex(R"re(\b(?:require_program|find_program|program_gap|install_hint)\(\s*"([^"]+)")re"),
		std::regex(R"re(\brun_(?:command|process)\(\s*\{\s*"([^"]+)")re"),
		std::regex(R"re(\bpopen\(\s*"([^"\s]+))re"),
		std::regex(R"re(\breturn\s*\{\s*"([^"]+)"\s*,\s*"-)re"),
		std::regex(R"re(\{\s*"([^"]+)"\s*,\s*\{\s*"-)re"),
	};
	return patterns;
}

// The programs one line of source names, by the patterns above.
std::vector<std::string> programs_named_in(const std::string &line)
{
	std::vector<std::string> programs;
	for (const std::regex &pattern : program_patterns())
		for (std::sregex_iterator match(line.begin(), line.end(), pattern), end; match != end; ++match)
			programs.push_back(fs::path(match->str(1)).filename().string());
	return programs;
}

using ProgramUses = std::map<std::string, std::set<std::string>>;  // program → files (relative to the checkout)

void scan_source(const fs::path &path, ProgramUses &uses)
{
	std::ifstream source(path);
	std::string file = fs::relative(path, KMH_SOURCE_DIR).string();
	for (std::string line; std::getline(source, line);)
		for (const std::string &program : programs_named_in(line))
			uses[program].insert(file);
}

ProgramUses scan_sources()
{
	ProgramUses uses;
	for (const char *folder : {"harness", "workloads", "tests", "bench"})
		for (const fs::directory_entry &entry : fs::recursive_directory_iterator(fs::path(KMH_SOURCE_DIR) / folder))
			if (entry.path().extension() == ".cpp" || entry.path().extension() == ".h")
				scan_source(entry.path(), uses);
	return uses;
}

// Scanned once for all the tests below (std::regex takes about half a second over the sources).
const ProgramUses &programs_run_by_the_sources()
{
	static const ProgramUses uses = scan_sources();
	return uses;
}

TEST(ExternalPrograms, EveryProgramTheSourcesRunIsListed)
{
	for (const auto &[program, files] : programs_run_by_the_sources())
		for (const std::string &file : files)
			EXPECT_TRUE(debian_package_of(program).has_value())
				<< file << " runs '" << program << "', which scripts/external-programs.tsv does not list";
}

TEST(ExternalPrograms, TheScanSeesEachKindOfUse)
{
	const ProgramUses &programs = programs_run_by_the_sources();
	for (const char *program : {"qemu-system-x86_64", "busybox", "mkfs.ext4", "xz", "zstd", "sh", "stress-ng",
				    "perf", "bpftool", "chromium", "bpftrace"})
		EXPECT_TRUE(programs.count(program)) << "the scan found no use of " << program;
}

TEST(ExternalPrograms, RowsNameOnePackageAndKnownUsers)
{
	const std::set<std::string> users = {"build", "run", "vm", "test", "bench", "docs", "check", "tree"};
	std::set<std::string> seen;
	for (const ExternalProgram &row : external_programs()) {
		EXPECT_TRUE(seen.insert(row.program).second) << row.program << " is listed twice";
		EXPECT_FALSE(row.package.empty() || row.package.find(' ') != std::string::npos) << row.program;
		EXPECT_FALSE(row.purpose.empty()) << row.program;
		std::istringstream words(row.users);
		for (std::string user; std::getline(words, user, ',');)
			EXPECT_TRUE(users.count(user)) << row.program << ": unknown user '" << user << "'";
	}
}

TEST(ExternalPrograms, PackagesComeFromTheList)
{
	EXPECT_EQ(debian_package_of("qemu-system-x86_64"), "qemu-system-x86");
	EXPECT_EQ(debian_package_of("busybox"), "busybox-static");
	EXPECT_EQ(debian_package_of("mkfs.ext4"), "e2fsprogs");
	EXPECT_EQ(debian_package_of("no-such-program-kmh"), std::nullopt);
	EXPECT_EQ(install_hint("perf"), "install it with `apt-get install linux-perf`");
}

TEST(ExternalPrograms, AMissingProgramIsAnEnvironmentErrorNamingItsPackage)
{
	const char *saved = std::getenv("PATH");
	std::string path = saved ? saved : "";
	setenv("PATH", "/nonexistent-kmh", 1);
	const std::string program = "busybox";
	try {
		require_program(program);
		ADD_FAILURE() << "no error without busybox in PATH";
	} catch (const Error &error) {
		EXPECT_EQ(error.code(), ExitCode::environment);
		EXPECT_NE(std::string(error.what()).find("apt-get install busybox-static"), std::string::npos) << error.what();
	}
	setenv("PATH", path.c_str(), 1);
}

TEST(ExternalPrograms, AnUnlistedProgramIsAProgrammingError)
{
	const std::string unlisted = "no-such-program-kmh";
	EXPECT_THROW(install_hint(unlisted), std::logic_error);
}

}  // namespace
}  // namespace kmh

// Issue 13's input reproducers, each through the real binary: unbounded reads, stack overflows,
// memory the machine lacks, unusable outputs, validate's checks, and an unprivileged user.
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>

#include "kmemharness_run.h"
#include "program_gap.h"
#include "scratch_dir.h"
#include "test_kernel.h"
#include "system/cgroup_mounts.h"

namespace kmh::integration {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

// Every refusal below comes before anything is measured; on the 2-CPU build machine each took
// under 0.2 s. 10 s leaves room for a loaded machine and still catches a run that went ahead.
constexpr double refusal_seconds = 10;

std::string write_file(const ScratchDir &scratch, const std::string &name, const std::string &text)
{
	std::string path = scratch / name;
	std::ofstream(path) << text;
	return path;
}

// A valid scenario of one small workload, with `extra` appended (an assertion, a table).
std::string small_scenario(const std::string &extra)
{
	return "[[workload]]\nkind = \"anon_fault\"\nbytes = \"4MiB\"\n" + extra;
}

std::string target_table(const std::string &line)
{
	return "\n[target]\n" + line + "\n";
}

std::string assertion(const std::string &expr)
{
	return "\n[[assert]]\nexpr = \"" + expr + "\"\n";
}

void expect_refused(const ProcessOutcome &outcome, int code, const std::string &says)
{
	EXPECT_EQ(outcome.exit_code, code) << describe(outcome);
	EXPECT_NE(outcome.err.find(says), std::string::npos) << describe(outcome);
	EXPECT_LT(outcome.seconds, refusal_seconds) << describe(outcome);
	EXPECT_EQ(outcome.err.find("internal error"), std::string::npos) << describe(outcome);
}

// compare of a device said "no such file or folder" about a file that exists.
TEST(InputHardening, CompareOfADeviceExits2SayingWhatItIs)
{
	expect_refused(run_kmemharness({"compare", "/dev/zero", "/dev/zero"}), exit_status::invalid_input,
		       "/dev/zero: neither a regular file nor a folder");
}

// #10: a guest larger than the host's available memory would take it from the host's other work:
// exit 3, refused before a module or a boot.
TEST(InputHardening, GuestLargerThanTheHostsMemoryExits3BeforeBooting)
{
	TestKernel kernel = test_kernel();
	KMH_SKIP_OR_FAIL_IF(kernel.gap);
	ScratchDir scratch;
	std::string too_much_memory = write_file(scratch, "memory.toml", small_scenario(target_table("memory = \"1TiB\"")));
	expect_refused(run_kmemharness({"run", "--kernel", kernel.image, too_much_memory, "--output", scratch / "memory"}),
		       exit_status::environment, "MiB of memory ([target] memory)");
}

// #1: the kernel image was read until the OOM killer ended the harness at 24 GB.
TEST(InputHardening, DevZeroAsKernelImageExits2WithoutReadingIt)
{
	ScratchDir scratch;
	ProcessOutcome run = run_kmemharness(
		{"run", "--kernel", "/dev/zero", shipped_scenario("kmalloc_burst.toml"), "--output", scratch / "out"}, 30s);
	expect_refused(run, exit_status::invalid_input,
		       "kernel image '/dev/zero' is a character device; a kernel image must be a regular file");
}

// #1: validate of a device ended in std::bad_alloc.
TEST(InputHardening, ValidateOfADeviceExits2)
{
	for (const char *device : {"/dev/zero", "/dev/urandom"}) {
		ProcessOutcome validate = run_kmemharness({"validate", device}, 30s);
		expect_refused(validate, exit_status::invalid_input,
			       std::string("scenario file '") + device + "' is a character device");
	}
}

TEST(InputHardening, ScenarioOverItsSizeLimitExits2NamingTheLimit)
{
	ScratchDir scratch;
	std::string path = write_file(scratch, "big.toml", small_scenario("# " + std::string(2 << 20, 'x') + "\n"));
	expect_refused(run_kmemharness({"validate", path}), exit_status::invalid_input,
		       "a scenario file may be at most 1 MiB");
}

// #2: each of these ran the harness off its stack (SIGSEGV).
TEST(InputHardening, FiftyThousandCharacterNameExits2WithItsPlace)
{
	ScratchDir scratch;
	std::string path = write_file(scratch, "long_name.toml",
				      "[scenario]\nname = \"" + std::string(50000, 'a') + "\"\n" + small_scenario(""));
	std::string place = path + ":2:8: [scenario] key 'name': is 50000 characters long; at most 100 are accepted";
	expect_refused(run_kmemharness({"validate", path}), exit_status::invalid_input, place);
	expect_refused(run_kmemharness({"run", path, "--output", scratch / "out"}), exit_status::invalid_input, place);
	EXPECT_FALSE(fs::exists(scratch / "out")) << "the refused run wrote its output folder";
}

TEST(InputHardening, DeepOrLongAssertionsExit2WithTheirPlace)
{
	std::string sum = "1";
	for (int i = 1; i < 100000; i++)
		sum += " + 1";
	const std::pair<const char *, std::string> cases[] = {
		{"parens", std::string(10000, '(') + "1" + std::string(10000, ')') + " > 0"},
		{"minus", std::string(100000, '-') + "1 > 0"},
		{"sum", sum + " > 0"},
		{"nesting", std::string(200, '(') + "1" + std::string(200, ')') + " > 0"},
	};
	ScratchDir scratch;
	for (const auto &[name, expr] : cases) {
		std::string path = write_file(scratch, std::string(name) + ".toml", small_scenario(assertion(expr)));
		ProcessOutcome validate = run_kmemharness({"validate", path});
		EXPECT_EQ(validate.exit_code, exit_status::invalid_input) << name << ": " << describe(validate);
		EXPECT_NE(validate.err.find(path + ":6:"), std::string::npos) << name << ": " << describe(validate);
		bool refused_for_size = validate.err.find("characters long; an assertion may have at most 4096") !=
						std::string::npos ||
					validate.err.find("nests more than 128 levels") != std::string::npos;
		EXPECT_TRUE(refused_for_size) << name << ": " << describe(validate);
	}
}

// #5: both were inside the documented ranges and caused host-wide OOM kills.
TEST(InputHardening, WorkloadsNeedingMoreMemoryThanAvailableExit3BeforeRunning)
{
	const std::pair<const char *, std::string> cases[] = {
		{"fragment", "[[workload]]\nkind = \"fragment\"\nbytes = \"64TiB\"\n"},
		{"anon_fault", "[[workload]]\nkind = \"anon_fault\"\nbytes = \"64GiB\"\n"},
	};
	ScratchDir scratch;
	for (const auto &[name, text] : cases) {
		std::string path = write_file(scratch, std::string(name) + ".toml", text);
		ASSERT_EQ(run_kmemharness({"validate", path}).exit_code, exit_status::passed) << name;
		ProcessOutcome run = run_kmemharness({"run", path, "--output", scratch / name});
		if (run.exit_code == exit_status::environment && run.err.find("memory: ") == std::string::npos)
			KMH_SKIP_OR_FAIL_IF(environment_gap(run));
		expect_refused(run, exit_status::environment, "memory: the workloads of phase 1 hold up to ");
		EXPECT_NE(run.err.find("GiB is available"), std::string::npos) << describe(run);
	}
}

// A scenario whose [target] memory cannot hold its workloads is refused by validate on the host.
TEST(InputHardening, ValidateRefusesWorkloadsLargerThanTheGuest)
{
	ScratchDir scratch;
	std::string path = write_file(scratch, "guest.toml",
				      "[target]\nkernel = \"/boot/vmlinuz\"\nmemory = \"1GiB\"\n\n"
				      "[[workload]]\nkind = \"anon_fault\"\nbytes = \"2GiB\"\n");
	expect_refused(run_kmemharness({"validate", path}), exit_status::invalid_input,
		       path + ":1:1: [target] memory: the workloads of phase 1 hold up to 2GiB at once, more than the "
			      "guest's 1GiB of memory and 0B of swap");
}

// The oom_score_adj of every process in the run's workload cgroup, read while it runs; empty
// when the run ended before a workload process appeared.
std::vector<std::string> workload_oom_score_adjs(ChildProcess &child)
{
	std::string procs = find_cgroup2_mount() + "/kmemharness." + std::to_string(child.pid()) + "/cgroup.procs";
	for (auto waited = 0ms; waited < 20s && child.output_open(); waited += 20ms) {
		std::ifstream in(procs);
		std::vector<std::string> scores;
		for (std::string pid; in >> pid;) {
			std::ifstream score("/proc/" + pid + "/oom_score_adj");
			std::string value;
			if (score >> value)
				scores.push_back(value);
		}
		if (!scores.empty())
			return scores;
		child.pump_output_for(20ms);
	}
	return {};
}

// #5: the kernel kills a workload before the harness or anything else on the machine.
TEST(InputHardening, WorkloadProcessesAreTheOomKillersFirstChoice)
{
	ScratchDir scratch;
	std::string path = write_file(scratch, "long_faults.toml",
				      "[requires]\nfeatures = [\"cgroup2\"]\n\n[[workload]]\nkind = \"anon_fault\"\n"
				      "bytes = \"64MiB\"\nrounds = 100000\n\n[collect]\ncollectors = [\"page_alloc\"]\n"
				      "snapshots = [\"meminfo\"]\n");
	ChildProcess child({kmemharness_binary(), "run", path, "--output", scratch / "out", "--quiet"});
	std::vector<std::string> scores = workload_oom_score_adjs(child);
	child.send_signal(SIGINT);
	ProcessOutcome outcome = child.wait(30s);
	KMH_SKIP_OR_FAIL_IF(environment_gap(outcome));
	ASSERT_FALSE(scores.empty()) << "no workload process seen; " << describe(outcome);
	for (const std::string &score : scores)
		EXPECT_EQ(score, "1000");
	std::ifstream own("/proc/self/oom_score_adj");
	std::string harness_score;
	own >> harness_score;
	EXPECT_NE(harness_score, "1000") << "the test itself runs at 1000, so the check proves nothing";
}

// #9: each of these ran the whole workload first, then exited 4 with a filesystem error.
TEST(InputHardening, OutputThatIsAFileExits2BeforeRunning)
{
	ScratchDir scratch;
	std::string file = write_file(scratch, "a_file", "x");
	expect_refused(run_kmemharness({"run", shipped_scenario("pcpu_bounce.toml"), "--output", file}),
		       exit_status::invalid_input, "--output '" + file + "' is a file, not a folder; name a folder");
}

TEST(InputHardening, OutputInAReadOnlyFolderExits3BeforeRunning)
{
	ScratchDir scratch;
	std::string read_only = scratch / "ro";
	fs::create_directories(read_only);
	bool mounted = mount("tmpfs", read_only.c_str(), "tmpfs", MS_RDONLY, "size=1m") == 0;
	KMH_SKIP_OR_FAIL_IF(mounted ? std::nullopt
				    : std::optional<std::string>("cannot mount a read-only tmpfs (needs root): " +
								 std::string(std::strerror(errno))));
	ProcessOutcome run = run_kmemharness({"run", shipped_scenario("pcpu_bounce.toml"), "--output", read_only + "/out"});
	umount2(read_only.c_str(), MNT_DETACH);
	expect_refused(run, exit_status::environment, "--output '" + read_only + "/out' cannot be written");
	EXPECT_NE(run.err.find("Read-only file system"), std::string::npos) << describe(run);
}

// #11: these validated (exit 0), then failed in the run or inside the guest.
TEST(InputHardening, ValidateRunsTheWorkloadsOwnChecks)
{
	ScratchDir scratch;
	std::string leak = write_file(scratch, "leak.toml",
				      "[[workload]]\nkind = \"malloc_leak\"\nleak_blocks = 1000000\nleak_size = \"16MiB\"\n");
	expect_refused(run_kmemharness({"validate", leak}), exit_status::invalid_input,
		       leak + ":1:1: [[workload]] #1 'malloc_leak' malloc_leak: leak_blocks x leak_size");
	std::string gfp = write_file(scratch, "gfp.toml", "[[workload]]\nkind = \"kmod\"\ngfp = \"1e30\"\n");
	expect_refused(run_kmemharness({"validate", gfp}), exit_status::invalid_input,
		       gfp + ":1:1: [[workload]] #1 'kmod' kmod: gfp flag '1e30' is not accepted here");
}

// The user nobody, through setpriv: the harness runs with nobody's uid, gid and no groups.
// The binary copied where nobody may run it, once per test program: the checkout may lie under a
// folder closed to other users (/root/kmemharness in the fresh-machine check).
const std::string &nobody_binary()
{
	static const ScratchDir dir;
	static const std::string path = [] {
		chmod(dir.path().c_str(), 0755);
		std::string copy = dir / "kmemharness";
		fs::copy_file(kmemharness_binary(), copy, fs::copy_options::overwrite_existing);
		chmod(copy.c_str(), 0755);
		return copy;
	}();
	return path;
}

std::vector<std::string> as_nobody(std::vector<std::string> args)
{
	std::vector<std::string> argv = {"setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
					 "env", "-u", "KMH_CACHE_DIR", "-u", "XDG_CACHE_HOME", "HOME=/root",
					 nobody_binary()};
	argv.insert(argv.end(), args.begin(), args.end());
	return argv;
}

std::optional<std::string> nobody_gap()
{
	if (geteuid() != 0)
		return "becoming nobody needs root";
	if (std::optional<std::string> gap = program_gap("setpriv"))
		return gap;
	return program_gap("env");
}

// A folder only root can enter, holding a valid scenario.
std::string scenario_only_root_reads(const ScratchDir &scratch)
{
	chmod(scratch.path().c_str(), 0711);
	fs::create_directories(scratch / "private");
	std::string path = write_file(scratch, "private/x.toml", small_scenario(""));
	chmod((scratch / "private").c_str(), 0700);
	return path;
}

// #12: the harness, run by nobody, could not start (exec) from a folder only root may enter.
std::optional<std::string> binary_gap()
{
	ProcessOutcome version = run_process(as_nobody({"--version"}), 10s);
	if (version.exit_code != 0)
		return "nobody cannot run " + nobody_binary() + " (a copy of the binary; is its folder mounted noexec?): " +
		       version.err;
	return std::nullopt;
}

// #12: validate exited 4 (internal error) on a file nobody may not read.
TEST(InputHardening, ValidateOfAnUnreadableFileAsNobodyExits2)
{
	KMH_SKIP_OR_FAIL_IF(nobody_gap());
	KMH_SKIP_OR_FAIL_IF(binary_gap());
	ScratchDir scratch;
	std::string path = scenario_only_root_reads(scratch);
	ProcessOutcome validate = run_process(as_nobody({"validate", path}), 30s);
	expect_refused(validate, exit_status::invalid_input,
		       "cannot read scenario file '" + path + "': Permission denied");
}

// #12: a VM run whose cache is under a HOME nobody cannot write exited 4 (internal error).
TEST(InputHardening, VmRunAsNobodyWithAnUnwritableCacheExits3)
{
	KMH_SKIP_OR_FAIL_IF(nobody_gap());
	KMH_SKIP_OR_FAIL_IF(binary_gap());
	TestKernel kernel = test_kernel();
	KMH_SKIP_OR_FAIL_IF(kernel.gap);
	ScratchDir scratch;
	chmod(scratch.path().c_str(), 0711);
	std::string output = scratch / "open";
	fs::create_directories(output);
	chmod(output.c_str(), 0777);
	std::string scenario = output + "/kmalloc_burst.toml";  // where nobody can read it
	fs::copy_file(shipped_scenario("kmalloc_burst.toml"), scenario);
	ProcessOutcome run = run_process(as_nobody({"run", "--kernel", kernel.image, scenario, "--output", output + "/out"}),
					 60s);
	EXPECT_EQ(run.exit_code, exit_status::environment) << describe(run);
	EXPECT_NE(run.err.find("set KMH_CACHE_DIR"), std::string::npos) << describe(run);
	EXPECT_EQ(run.err.find("internal error"), std::string::npos) << describe(run);
}

}  // namespace
}  // namespace kmh::integration

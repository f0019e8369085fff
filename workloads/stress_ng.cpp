// stress-ng: run one stress-ng stressor as a child process and report its bogo-op metrics.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "common/error.h"
#include "common/external_programs.h"
#include "scenario/units.h"
#include "system/errno_error.h"
#include "workloads/cpu_affinity.h"
#include "workloads/descriptors.h"
#include "workloads/option_specs.h"
#include "workloads/stress_ng_yaml.h"

extern char **environ;

namespace kmh {

namespace {

const std::size_t output_tail_bytes = 2000;
const std::set<std::string> reserved_arguments = {"timeout", "metrics", "metrics-brief", "yaml"};

struct StressNgOptions {
	std::string stressor;
	std::int64_t instances = 0;
	std::int64_t timeout_seconds = 0;
	std::map<std::string, std::string> args;
	std::vector<int> cpus;
	std::string scratch_dir;
};

struct ProcessOutcome {
	int status = 0;
	std::string output_tail;  // the end of its stdout and stderr
};

std::optional<std::string> stress_ng_missing()
{
	if (find_program("stress-ng"))
		return std::nullopt;
	return "stress-ng is not installed: " + install_hint("stress-ng");
}

std::set<std::string> known_stressors()
{
	std::set<std::string> names;
	FILE *listing = popen("stress-ng --stressors", "r");
	if (!listing)
		throw errno_error(ExitCode::environment, "cannot run `stress-ng --stressors`");
	char name[256];
	while (std::fscanf(listing, "%255s", name) == 1)
		names.insert(name);
	pclose(listing);
	return names;
}

bool is_option_name(const std::string &name)
{
	auto allowed = [](unsigned char c) { return std::islower(c) || std::isdigit(c) || c == '-'; };
	return !name.empty() && name.front() != '-' && std::all_of(name.begin(), name.end(), allowed);
}

std::vector<std::string> command_line(const StressNgOptions &options, const std::string &yaml_path)
{
	std::vector<std::string> argv = {
		"stress-ng", "--" + options.stressor, std::to_string(options.instances),
		"--timeout", fmt::format("{}s", options.timeout_seconds), "--metrics-brief", "--yaml", yaml_path,
	};
	for (const auto &[key, value] : options.args) {
		if (value == "false")
			continue;
		argv.push_back("--" + key);
		if (value != "true")
			argv.push_back(value);
	}
	return argv;
}

std::string read_tail(int fd)
{
	std::string tail;
	char chunk[4096];
	ssize_t got;
	while ((got = read(fd, chunk, sizeof(chunk))) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			break;
		tail.append(chunk, static_cast<std::size_t>(got));
		if (tail.size() > output_tail_bytes)
			tail.erase(0, tail.size() - output_tail_bytes);
	}
	return tail;
}

// Starts `argv` with its stdout and stderr on `output_fd`; returns its pid.
pid_t spawn_with_output(const std::vector<std::string> &argv, int output_fd)
{
	posix_spawn_file_actions_t actions;
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_adddup2(&actions, output_fd, STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&actions, output_fd, STDERR_FILENO);
	std::vector<char *> args;
	for (const std::string &arg : argv)
		args.push_back(const_cast<char *>(arg.c_str()));
	args.push_back(nullptr);
	pid_t pid = 0;
	int err = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
	posix_spawn_file_actions_destroy(&actions);
	if (err != 0)
		throw errno_error(ExitCode::run_failed, fmt::format("cannot start {}", argv[0]), err);
	return pid;
}

// Runs `argv` with stdout and stderr into a pipe, and waits for it.
ProcessOutcome run_process(const std::vector<std::string> &argv)
{
	int pipe_fds[2];
	if (pipe2(pipe_fds, O_CLOEXEC) != 0)
		throw errno_error(ExitCode::run_failed, "pipe2 failed");
	pid_t pid = -1;
	try {
		pid = spawn_with_output(argv, pipe_fds[1]);
	} catch (...) {
		close(pipe_fds[0]);
		close(pipe_fds[1]);
		throw;
	}
	close(pipe_fds[1]);
	ProcessOutcome outcome = {.output_tail = read_tail(pipe_fds[0])};
	close(pipe_fds[0]);
	while (waitpid(pid, &outcome.status, 0) < 0 && errno == EINTR)
		;
	return outcome;
}

// stress-ng exits 3 when it lacks a resource and 4 when the stressor is not implemented here.
Error stress_ng_failure(const std::string &command, const ProcessOutcome &outcome)
{
	std::string what = WIFSIGNALED(outcome.status) ? fmt::format("was killed by signal {}", WTERMSIG(outcome.status))
						       : fmt::format("exited with status {}", WEXITSTATUS(outcome.status));
	std::string message = fmt::format("`{}` {}; its output ends with:\n{}", command, what, outcome.output_tail);
	int code = WIFEXITED(outcome.status) ? WEXITSTATUS(outcome.status) : 0;
	bool unsupported_here = code == 3 || code == 4;
	return unsupported_here ? environment_error(message) : run_error(message);
}

std::string read_file(const std::string &path)
{
	std::ifstream file(path);
	if (!file)
		throw run_error(fmt::format("stress-ng wrote no YAML file at {}", path));
	std::stringstream text;
	text << file.rdbuf();
	return text.str();
}

class StressNg : public Workload {
public:
	explicit StressNg(StressNgOptions options) : options_(std::move(options)) {}

	void prepare() override
	{
		restrict_current_thread_to_cpus(options_.cpus);
		std::filesystem::path dir = options_.scratch_dir.empty() ? std::filesystem::temp_directory_path()
									  : std::filesystem::path(options_.scratch_dir);
		yaml_path_ = (dir / fmt::format("stress-ng-{}.yaml", getpid())).string();
	}

	std::vector<WorkloadMetric> run() override
	{
		std::vector<std::string> argv = command_line(options_, yaml_path_);
		ProcessOutcome outcome = run_process(argv);
		if (!WIFEXITED(outcome.status) || WEXITSTATUS(outcome.status) != 0)
			throw stress_ng_failure(fmt::format("{}", fmt::join(argv, " ")), outcome);
		return parse_stress_ng_yaml(read_file(yaml_path_));
	}

	void cleanup() override
	{
		std::filesystem::remove(yaml_path_);
	}

private:
	StressNgOptions options_;
	std::string yaml_path_;
};

void require_stressor_name(const std::string &stressor)
{
	if (!is_option_name(stressor))
		throw invalid_input(fmt::format("stress-ng stressor '{}' is not a stressor name (like vm, or bigheap)", stressor));
}

// Asks this machine's stress-ng, when there is one.
void require_known_stressor(const std::string &stressor)
{
	if (!stress_ng_missing() && known_stressors().count(stressor) == 0)
		throw invalid_input(fmt::format("this stress-ng has no stressor '{}' (`stress-ng --stressors` lists them)", stressor));
}

void require_valid_args(const std::map<std::string, std::string> &args, const std::string &stressor)
{
	for (const auto &[key, value] : args) {
		if (key == stressor)
			throw invalid_input(fmt::format("stress-ng args may not set {}: use the instances option", key));
		if (!is_option_name(key))
			throw invalid_input(fmt::format("stress-ng args key '{}' is not an option name: write vm-bytes for --vm-bytes", key));
		if (reserved_arguments.count(key))
			throw invalid_input(fmt::format("stress-ng args may not set {}: the workload sets it (use its timeout option)", key));
	}
}

void check_options(const WorkloadContext &context)
{
	const OptionValues &values = *context.options;
	require_stressor_name(values.string("stressor"));
	require_valid_args(values.string_map("args"), values.string("stressor"));
	std::int64_t timeout = values.integer("timeout");
	if (timeout % ns_per_second != 0)
		throw invalid_input(fmt::format("stress-ng timeout must be a whole number of seconds, got {}",
						format_duration(timeout)));
}

StressNgOptions read_options(const WorkloadContext &context)
{
	const OptionValues &values = *context.options;
	check_options(context);
	require_known_stressor(values.string("stressor"));
	require_online_cpus(context.cpus);
	std::int64_t timeout = values.integer("timeout");
	return {
		.stressor = values.string("stressor"),
		.instances = values.integer("instances"),
		.timeout_seconds = timeout / ns_per_second,
		.args = values.string_map("args"),
		.cpus = context.cpus,
		.scratch_dir = context.scratch_dir,
	};
}

std::vector<WorkloadMetricSpec> metric_specs()
{
	std::vector<WorkloadMetricSpec> specs;
	for (const StressNgField &field : stress_ng_fields())
		specs.push_back({field.metric, field.help + " (stress-ng's " + field.yaml_key + ")", {"stressor"}});
	return specs;
}

}  // namespace

WorkloadDescriptor describe_stress_ng()
{
	return {
		.schema = {
			.kind = "stress-ng",
			.summary = "run `stress-ng --<stressor> <instances> --timeout <timeout> --metrics-brief --yaml FILE <args>` "
				   "and report its metrics",
			.options = {
				string_option("stressor", "the stressor to run, e.g. vm, bigheap, mmap (`stress-ng --stressors`)", std::nullopt),
				integer_option("instances", "instances of the stressor (its --<stressor> N)", 1, 1, 1024),
				duration_option("timeout", "how long the stressor runs, whole seconds", 5 * ns_per_second,
						1 * ns_per_second, 86400 * ns_per_second),
				string_map_option("args", "more stress-ng options: each key = value becomes --key value, "
					          "key = true becomes --key, key = false is left out; e.g. {vm-bytes = \"128M\"}"),
			},
			.metrics = metric_specs(),
			.check = check_options,
		},
		.unsupported_reason = stress_ng_missing,
		.memory_need = nullptr,  // stress-ng sizes its stressors from its own arguments
		.create = [](const WorkloadContext &context) -> std::unique_ptr<Workload> {
			return std::make_unique<StressNg>(read_options(context));
		},
	};
}

}  // namespace kmh

// shm_pair: two processes share one System V segment: create, attach in both, touch, detach, remove.
#include <sys/ipc.h>
#include <sys/prctl.h>
#include <signal.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <filesystem>
#include <optional>

#include <fmt/format.h>

#include "common/error.h"
#include "system/errno_error.h"
#include "workloads/descriptors.h"
#include "workloads/memory_mapping.h"
#include "workloads/option_specs.h"

namespace kmh {

namespace {

// The names the two processes take, so the comm label tells them apart (at most 15 bytes).
const char *const owner_comm = "shm_pair-owner";
const char *const peer_comm = "shm_pair-peer";

struct ShmPairOptions {
	key_t key = 0;
	std::size_t bytes = 0;
};

Error shm_error(const std::string &call, key_t key)
{
	return errno_error(ExitCode::run_failed, fmt::format("{} on the segment with key {:#010x} failed", call, key));
}

// Attaches segment `shmid`, writes one byte per page, detaches; false when a call failed.
bool attach_touch_detach(int shmid, std::size_t bytes)
{
	void *address = shmat(shmid, nullptr, 0);
	if (address == reinterpret_cast<void *>(-1))
		return false;
	touch_every(static_cast<char *>(address), bytes, page_size());
	return shmdt(address) == 0;
}

// The second process: finds the segment by key, as an unrelated process would.
[[noreturn]] void run_peer(const ShmPairOptions &options)
{
	prctl(PR_SET_NAME, peer_comm);
	int shmid = shmget(options.key, 0, 0);
	_exit(shmid >= 0 && attach_touch_detach(shmid, options.bytes) ? 0 : 1);
}

class ShmPair : public Workload {
public:
	explicit ShmPair(ShmPairOptions options) : options_(options) {}
	~ShmPair() override
	{
		if (shmid_ >= 0)
			shmctl(shmid_, IPC_RMID, nullptr);
	}

	// A run killed on a timeout or signal (SIGKILL) cannot remove its segment: one with our key,
	// nobody attached and its creator gone is that, and is removed; any other is someone's.
	void prepare() override
	{
		int stale = shmget(options_.key, 0, 0);
		if (stale < 0)
			return;
		shmid_ds state{};
		bool abandoned = shmctl(stale, IPC_STAT, &state) == 0 && state.shm_nattch == 0 &&
				 kill(state.shm_cpid, 0) != 0 && errno == ESRCH;
		if (abandoned && shmctl(stale, IPC_RMID, nullptr) == 0)
			return;
		throw environment_error(fmt::format("a System V segment with key {0:#010x} exists already and is in "
						    "use; choose another key, or remove it with ipcrm -M {0:#x}",
						    options_.key));
	}

	// Calls: shmget x2 (create, look up), shmat x2, shmdt x2, shmctl(IPC_RMID) x1.
	std::vector<WorkloadMetric> run() override
	{
		prctl(PR_SET_NAME, owner_comm);
		shmid_ = shmget(options_.key, options_.bytes, IPC_CREAT | IPC_EXCL | 0600);
		if (shmid_ < 0)
			throw shm_error("shmget(IPC_CREAT)", options_.key);
		pid_t peer = fork();
		if (peer < 0)
			throw errno_error(ExitCode::run_failed, "fork");
		if (peer == 0)
			run_peer(options_);
		bool owner_ok = attach_touch_detach(shmid_, options_.bytes);
		int status = 0;
		waitpid(peer, &status, 0);
		if (!owner_ok)
			throw shm_error("shmat, writing or shmdt", options_.key);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			throw run_error(fmt::format("the peer process could not look up, attach or detach the segment "
						    "with key {:#010x}", options_.key));
		remove_segment();
		return report();
	}

private:
	void remove_segment()
	{
		if (shmctl(shmid_, IPC_RMID, nullptr) != 0)
			throw shm_error("shmctl(IPC_RMID)", options_.key);
		shmid_ = -1;
	}

	std::vector<WorkloadMetric> report() const
	{
		return {
			{"key", {}, static_cast<double>(options_.key)},
			{"bytes", {}, static_cast<double>(options_.bytes)},
			{"pages", {}, static_cast<double>(options_.bytes / page_size())},
			{"shmget_calls", {}, 2},
			{"shmat_calls", {}, 2},
			{"shmdt_calls", {}, 2},
			{"shmctl_calls", {}, 1},
		};
	}

	ShmPairOptions options_;
	int shmid_ = -1;
};

void check_options(const WorkloadContext &context)
{
	require_multiple_of("bytes", context.options->integer("bytes"), page_size());
}

// The segment, in shared memory that only swap could take.
std::int64_t memory_need(const OptionValues &values)
{
	return values.integer("bytes");
}

ShmPairOptions read_options(const WorkloadContext &context)
{
	const OptionValues &values = *context.options;
	check_options(context);
	return {static_cast<key_t>(values.integer("key")), static_cast<std::size_t>(values.integer("bytes"))};
}

std::optional<std::string> sysv_shm_missing()
{
	if (!std::filesystem::exists("/proc/sysvipc/shm"))
		return "this kernel has no System V shared memory (/proc/sysvipc/shm is missing: CONFIG_SYSVIPC)";
	return std::nullopt;
}

}  // namespace

WorkloadDescriptor describe_shm_pair()
{
	return {
		.schema = {
			.kind = "shm_pair",
			.summary = "one process creates a System V segment, a second looks it up by key; both attach it, "
				   "write every page, detach; the first removes it",
			.options = {
				integer_option("key", "the segment's IPC key (any positive key_t no other program uses)",
					       0x4b4d4853, 1, 0x7fffffff),
				size_option("bytes", "the segment's size (a multiple of the page size)", 4 * MiB, 4 * KiB,
					    1 * GiB),
			},
			.metrics = {
				{"key", "the segment's key, as a number", {}},
				{"bytes", "the segment's size", {}},
				{"pages", "pages of the segment; each process writes one byte into every one", {}},
				{"shmget_calls", "shmget calls: the owner's IPC_CREAT and the peer's lookup", {}},
				{"shmat_calls", "shmat calls, one per process", {}},
				{"shmdt_calls", "shmdt calls, one per process", {}},
				{"shmctl_calls", "shmctl calls: the owner's IPC_RMID", {}},
			},
			.check = check_options,
		},
		.unsupported_reason = sysv_shm_missing,
		.memory_need = memory_need,
		.create = [](const WorkloadContext &context) -> std::unique_ptr<Workload> {
			return std::make_unique<ShmPair>(read_options(context));
		},
	};
}

}  // namespace kmh

// One workload in its own child process: forked before measuring, driven over a socket.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>

#include "scenario/scenario.h"
#include "workloads/workload.h"

namespace kmh {

class WorkloadCgroup;

// The child's messages, one per SOCK_SEQPACKET packet:
//   "ready"            prepared, waiting for "go"
//   "report <json>"    run() finished: {"metrics":[{"metric","labels","value"}],"duration_s"}
//   "error <exit code> <text>"  create(), prepare() or run() failed
// The parent sends "go"; closing the socket releases the child to clean up and exit.
class WorkloadProcess {
public:
	WorkloadProcess(const WorkloadSpec &spec, const WorkloadDescriptor &descriptor, std::string scratch_dir);
	~WorkloadProcess();
	WorkloadProcess(const WorkloadProcess &) = delete;
	WorkloadProcess &operator=(const WorkloadProcess &) = delete;

	// Forks; the child joins `cgroup`, pins itself to the spec's CPUs and prepares.
	void spawn(const WorkloadCgroup &cgroup);
	int fd() const { return socket_; }
	const WorkloadSpec &spec() const { return spec_; }
	pid_t pid() const { return pid_; }

	// The next message, or nullopt when the child closed its end (it exited or crashed).
	std::optional<std::string> receive();
	void send_go();
	// Lets the child run cleanup() and exit; does not wait.
	void release();
	// SIGKILL to the child's whole process group (stress-ng's own children too).
	void kill_all();
	// Waits for the child; returns a description of how it ended ("exit 0", "signal 9").
	std::string reap();

private:
	bool exited_within(std::chrono::milliseconds grace);
	[[noreturn]] void child_main(int socket, const WorkloadCgroup &cgroup);

	WorkloadSpec spec_;
	const WorkloadDescriptor &descriptor_;
	std::string scratch_dir_;
	int socket_ = -1;
	pid_t pid_ = -1;
};

}  // namespace kmh

// Starting a program whose life is tied to the harness: it dies with it, even when the harness is SIGKILLed.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace kmh {

struct TiedChildRequest {
	std::vector<std::string> argv;  // argv[0] is looked up in PATH when it has no '/'
	std::string directory;          // "" = the current one
	int output_fd = -1;             // the child's stdout and stderr; -1 = the harness's own
};

// Forks and executes the request. The child gets SIGKILL when the harness dies
// (PR_SET_PDEATHSIG, set right after fork and checked against a parent that died before it was
// set), runs in a process group of its own (its pid), so a kill of the group reaches what it
// starts, and reads /dev/null as stdin. Returns its pid. Throws environment_error naming the
// program when it cannot be started (the exec error travels back over a close-on-exec pipe).
pid_t spawn_tied_child(const TiedChildRequest &request);

// SIGKILL to the child's process group, then waits for the child; returns its wait status.
int kill_and_reap(pid_t child);

// Waits for the child, restarting on EINTR; returns its wait status.
int reap(pid_t child);

}  // namespace kmh

// Process exit codes of kmemharness, as promised to CI in docs/cli.md.
#pragma once

namespace kmh {

enum class ExitCode : int {
	passed = 0,          // every assertion held
	assertion_failed = 1,
	invalid_input = 2,   // scenario or command line is invalid
	environment = 3,     // this machine cannot run it (not root, no BPF, missing tool)
	run_failed = 4,      // workload crashed, collector failed, timeout, interrupted
	kernel_crashed = 5,  // the kernel under test crashed or hung (VM runs)
};

inline int to_int(ExitCode code) { return static_cast<int>(code); }

}  // namespace kmh

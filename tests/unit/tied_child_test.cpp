// Tests of spawn_tied_child (harness/system/tied_child.h): exec errors reported, and a child that dies with its parent.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "common/error.h"
#include "system/tied_child.h"

namespace kmh {
namespace {

using namespace std::chrono_literals;

// Alive and not a zombie (an orphan's zombie waits for whoever reaps orphans here).
bool running(pid_t pid)
{
	std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
	std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
	std::size_t close_paren = text.rfind(')');
	return close_paren != std::string::npos && close_paren + 2 < text.size() && text[close_paren + 2] != 'Z';
}

TEST(TiedChild, RunsTheProgramInItsOwnProcessGroup)
{
	pid_t child = spawn_tied_child({ { "sleep", "5" }, "", -1 });
	EXPECT_EQ(getpgid(child), child);
	int status = kill_and_reap(child);
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

TEST(TiedChild, ReportsAProgramThatCannotBeStarted)
{
	try {
		spawn_tied_child({ { "/nonexistent/kmh-no-such-program" }, "", -1 });
		FAIL() << "a missing program was started";
	} catch (const Error &error) {
		EXPECT_EQ(error.code(), ExitCode::environment);
		EXPECT_NE(std::string(error.what()).find("No such file"), std::string::npos) << error.what();
	}
}

// A middle process starts `sleep 60` tied to itself, reports its pid and is SIGKILLed: the sleep
// must go too, as QEMU must when the harness is SIGKILLed.
TEST(TiedChild, DiesWhenItsParentIsKilled)
{
	int report[2];
	ASSERT_EQ(pipe(report), 0);
	pid_t middle = fork();
	if (middle == 0) {
		pid_t sleeper = spawn_tied_child({ { "sleep", "60" }, "", -1 });
		[[maybe_unused]] ssize_t ignored = write(report[1], &sleeper, sizeof(sleeper));
		pause();
		_exit(0);
	}
	close(report[1]);
	pid_t sleeper = 0;
	ASSERT_EQ(read(report[0], &sleeper, sizeof(sleeper)), static_cast<ssize_t>(sizeof(sleeper)));
	close(report[0]);
	ASSERT_EQ(kill(sleeper, 0), 0) << "the tied child is not running";
	kill(middle, SIGKILL);
	waitpid(middle, nullptr, 0);
	bool gone = false;
	for (auto waited = 0ms; waited < 2000ms && !gone; waited += 20ms) {
		std::this_thread::sleep_for(20ms);
		gone = !running(sleeper);
	}
	EXPECT_TRUE(gone) << "the tied child " << sleeper << " outlived its SIGKILLed parent";
	if (!gone)
		kill(sleeper, SIGKILL);
}

}  // namespace
}  // namespace kmh

// Tests of reading OOM kill counts from memory.events, memory.oom_control and /proc/vmstat.
#include <gtest/gtest.h>

#include "run/memory_cgroup.h"

namespace kmh {
namespace {

TEST(OomKillCount, ReadsTheLineOfEveryFileLayout)
{
	EXPECT_EQ(parse_oom_kill_count("low 0\nhigh 0\nmax 12\noom 2\noom_kill 2\noom_group_kill 0\n"), 2u);
	EXPECT_EQ(parse_oom_kill_count("oom_kill_disable 0\nunder_oom 0\noom_kill 7\n"), 7u);
	EXPECT_EQ(parse_oom_kill_count("oom_kill_disable 0\nunder_oom 0\n"), 0u);
	EXPECT_EQ(parse_oom_kill_count("pgfault 123\noom_kill 3\nnuma_pte_updates 0\n"), 3u);
}

}  // namespace
}  // namespace kmh

// Balanced A/B orders: alternating, or shuffled pairs of rounds from a recorded seed.
#include "cli/ab_schedule.h"

#include <random>

namespace kmh {

std::string ab_round_order(int round, AbOrder order, std::uint64_t seed)
{
	bool first_of_pair_is_ab = true;
	if (order == AbOrder::random) {
		std::mt19937_64 generator(seed + static_cast<std::uint64_t>(round / 2));
		first_of_pair_is_ab = generator() % 2 == 0;
	}
	bool ab = (round % 2 == 0) == first_of_pair_is_ab;
	return ab ? "AB" : "BA";
}

std::vector<std::string> ab_schedule(int rounds, AbOrder order, std::uint64_t seed)
{
	std::vector<std::string> schedule;
	for (int round = 0; round < rounds; ++round)
		schedule.push_back(ab_round_order(round, order, seed));
	return schedule;
}

const char *to_string(AbOrder order)
{
	return order == AbOrder::alternate ? "alternate" : "random";
}

}  // namespace kmh

// The order of A and B within each round of ab: balanced so that running first or second hits both sides alike.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kmh {

enum class AbOrder { alternate, random };

// "AB" or "BA" for round `round` (0-based). alternate: AB, BA, AB, …; random: each pair of rounds
// is AB BA or BA AB, by the parity of the first output of std::mt19937_64(seed + pair index) (an
// engine whose output the C++ standard fixes, so a seed gives the same order everywhere). Either
// way every two rounds balance, also when rounds are added one at a time (--until-decided).
std::string ab_round_order(int round, AbOrder order, std::uint64_t seed);

// ab_round_order for rounds 0 .. rounds - 1.
std::vector<std::string> ab_schedule(int rounds, AbOrder order, std::uint64_t seed);

const char *to_string(AbOrder order);

}  // namespace kmh

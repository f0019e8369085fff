// How ab ordered the two runs of each round and what it reset between runs: what the position test reads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kmh {

struct RunOrder {
	std::string method;                  // "alternate" (A B, B A, …) or "random" (balanced, shuffled)
	std::optional<std::uint64_t> seed;   // the shuffle's seed (random)
	std::vector<std::string> rounds;     // "AB" or "BA", one per round, in the order run
	std::vector<std::string> reset;      // what was reset before every run (empty: nothing)
	std::vector<std::string> not_reset;  // state one run leaves for the next that nothing resets
	std::string stop;                    // how --until-decided ended; empty without it

	// 0 when that side ran first in round `round` (0-based), 1 when it ran second.
	int position(char side, std::size_t round) const { return rounds.at(round).front() == side ? 0 : 1; }
};

}  // namespace kmh

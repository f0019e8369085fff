// A published claim about the kernel's allocators and the scenario assertions that decide it on a kernel.
#pragma once

#include <string>
#include <vector>

namespace kmh {

struct Claim {
	std::string id;          // "1", "12": as the claims file numbers them
	std::string text;        // the claim as published
	std::string source;      // where it was published
	std::string scenario;    // the scenario file (its name in scenarios/) that tests it; empty: none
	// Assertion names of that scenario: the claim holds when every holds_if assertion passes and
	// does not hold when one of them fails or one fails_if assertion passes (the scenario asserts
	// what the kernel really does, which contradicts the claim).
	std::vector<std::string> holds_if;
	std::vector<std::string> fails_if;
	// Assertion expressions over the scenario's metrics as each kernel ran it, for a claim about
	// which kernels differ (the scenario's own assertions hold on all of them): the claim holds
	// when every one is true and does not hold when one is false.
	std::vector<std::string> holds_when;
	// A claim about a change (a sysctl raised, say) is decided by an A/B of the scenario on one
	// kernel (`kmemharness ab`): each side's sysctls as ab's --sysctl-a/-b take them, and the
	// change claimed, as a gate rule ("extfrag.events{scope=workload} falls by more than 1% and
	// decided"). The claim holds when the rule's change is found; set ab_change for an A/B claim.
	std::vector<std::string> ab_sysctl_a;
	std::vector<std::string> ab_sysctl_b;
	std::string ab_change;
	std::string untested;    // why no scenario can test it here; set exactly when scenario is empty
	std::string note;        // what the scenario tests differently from the claim's words, or found; may be empty
};

}  // namespace kmh

// Checking the #include "…" lines of a source tree against the layer table harness/layers.tsv.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace kmh {

struct Layer {
	int level = 0;
	std::string folder;  // relative to the tree's root, e.g. "harness/run"
};

// The rows of a layer table ("<level>\t<folder>\t<what it holds>"; '#' starts a comment).
// Throws std::runtime_error naming the file and line of a malformed row or a folder listed twice.
std::vector<Layer> read_layers(const std::filesystem::path &table);

// One line per forbidden #include "…" in the folders of `layers` under `root`, e.g.
// "workloads/oom_provoker.cpp:18: #include \"run/memory_cgroup.h\": workloads (level 3) may not
// include harness/run (level 6)". An include resolves like the build's: beside the including
// file, then under harness/, the root and bpf/. One that resolves to no file must be a generated
// one (*.skel.h, *.inc).
std::vector<std::string> include_violations(const std::filesystem::path &root, const std::vector<Layer> &layers);

}  // namespace kmh

// The one reader of /proc/meminfo: every field, kB values in bytes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kmh {

struct MeminfoField {
	std::string name;  // as the kernel writes it, e.g. "Active(anon)"
	double value = 0;  // kB fields in bytes, counts (HugePages_Total) as they are
};

// Every "<Field>: <value> [kB]" line, in the file's order (layout of fs/proc/meminfo.c).
// Throws kmh::Error (run_failed) naming `source` and the line for malformed text.
std::vector<MeminfoField> parse_meminfo_fields(const std::string &text, std::string_view source = "/proc/meminfo");

// The fields of this machine's /proc/meminfo; none when it cannot be read.
std::vector<MeminfoField> read_meminfo();

// The value of the field named exactly `name`, or nullopt.
std::optional<double> meminfo_value(const std::vector<MeminfoField> &fields, std::string_view name);

}  // namespace kmh

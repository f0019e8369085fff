// Typed workload options: the declared spec (type, range, default) and the parsed values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace kmh {

enum class OptionType {
	integer,     // plain integer within [min, max]
	size,        // bytes: 4096, "4KiB", "256MiB", "1GiB"
	duration,    // nanoseconds: "500ms", "2s", "1m"
	boolean,
	string,
	choice,      // one of `choices`
	string_map,  // a TOML inline table of string/number/bool values, kept as strings
};

using OptionValue = std::variant<std::int64_t, bool, std::string, std::map<std::string, std::string>>;

struct OptionSpec {
	std::string name;
	OptionType type = OptionType::integer;
	std::string help;
	std::optional<OptionValue> default_value;  // nullopt: the option is required
	std::int64_t min = 0;                      // integer, size, duration
	std::int64_t max = INT64_MAX;
	std::vector<std::string> choices;          // choice
};

class OptionValues {
public:
	void set(const std::string &name, OptionValue value) { values_[name] = std::move(value); }
	bool has(const std::string &name) const { return values_.count(name) != 0; }

	std::int64_t integer(const std::string &name) const { return std::get<std::int64_t>(values_.at(name)); }
	bool boolean(const std::string &name) const { return std::get<bool>(values_.at(name)); }
	const std::string &string(const std::string &name) const { return std::get<std::string>(values_.at(name)); }
	const std::map<std::string, std::string> &string_map(const std::string &name) const
	{
		return std::get<std::map<std::string, std::string>>(values_.at(name));
	}
	const std::map<std::string, OptionValue> &all() const { return values_; }

private:
	std::map<std::string, OptionValue> values_;
};

}  // namespace kmh

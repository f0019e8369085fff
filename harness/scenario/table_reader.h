// Typed reading of one table of a scenario; every error names file:line:column, table and key.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "scenario/source_location.h"

namespace kmh {

// What is wrong with a string value (e.g. "'bt' is not accepted; accepted: 'btf', ..."), or nullopt.
using StringCheck = std::function<std::optional<std::string>(const std::string &value)>;

// Each getter returns nullopt when the key is absent and throws invalid_input when the value has
// the wrong type, fails its check or lies outside [min, max]. Arrays must not repeat an item.
class TableReader {
public:
	// `label` names the table in messages: "[scenario]", "[[workload]] #2 'bounce'".
	TableReader(const toml::table &table, std::string label);

	void relabel(std::string label) { label_ = std::move(label); }
	bool has(const std::string &key) const { return table_.contains(key); }
	// Where the table is written (line 0 and no file when it is absent from the scenario).
	SourceLocation where() const;
	// Where the key's value is written; the table's own location when the key is absent.
	SourceLocation where(const std::string &key) const;

	std::optional<std::string> string(const std::string &key, const StringCheck &check = {}) const;
	std::optional<std::vector<std::string>> strings(const std::string &key, const StringCheck &check = {}) const;
	std::optional<bool> boolean(const std::string &key) const;
	std::optional<std::int64_t> integer(const std::string &key, std::int64_t min, std::int64_t max) const;
	std::optional<std::vector<std::int64_t>> integers(const std::string &key, std::int64_t min,
							  std::int64_t max) const;
	std::optional<std::int64_t> size(const std::string &key, std::int64_t min, std::int64_t max) const;
	std::optional<std::int64_t> duration(const std::string &key, std::int64_t min, std::int64_t max) const;
	// A table whose values are strings, integers, floats or booleans, all kept as their text.
	std::optional<std::map<std::string, std::string>> string_map(const std::string &key) const;

	// Throws for the first key not in `accepted`, listing the accepted keys and the closest one.
	void reject_unknown_keys(const std::vector<std::string> &accepted) const;

	// "<location of the table>: <label> <problem>"
	[[noreturn]] void fail(const std::string &problem) const;
	// "<where>: <label> <subject>: <problem>", subject e.g. "key 'bytes'"
	[[noreturn]] void fail(const SourceLocation &where, const std::string &subject,
			       const std::string &problem) const;

private:
	const toml::table &table_;
	std::string label_;
};

}  // namespace kmh

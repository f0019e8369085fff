// Typed reading of one table of a scenario; every error names file:line:column, table and key.
#include "scenario/table_reader.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "common/suggestion.h"
#include "scenario/toml_location.h"
#include "scenario/units.h"

namespace kmh {

namespace {

using Formatter = std::string (*)(std::int64_t);

std::string format_integer(std::int64_t value)
{
	return std::to_string(value);
}

std::string type_name(const toml::node &node)
{
	switch (node.type()) {
	case toml::node_type::string:
		return "a string";
	case toml::node_type::integer:
		return "an integer";
	case toml::node_type::floating_point:
		return "a floating-point number";
	case toml::node_type::boolean:
		return "a boolean";
	case toml::node_type::date:
		return "a date";
	case toml::node_type::time:
		return "a time";
	case toml::node_type::date_time:
		return "a date-time";
	case toml::node_type::table:
		return "a table";
	case toml::node_type::array:
		return "an array";
	case toml::node_type::none:
		break;
	}
	return "nothing";
}

std::string range_text(std::int64_t min, std::int64_t max, Formatter format)
{
	if (max == INT64_MAX)
		return "at least " + format(min);
	if (min == INT64_MIN)
		return "at most " + format(max);
	return format(min) + ".." + format(max);
}

std::string key_subject(const std::string &key)
{
	return "key '" + key + "'";
}

std::string item_subject(const std::string &key, std::size_t index)
{
	return key_subject(key) + " item " + std::to_string(index + 1);
}

[[noreturn]] void fail_type(const TableReader &reader, const toml::node &node, const std::string &subject,
			    const std::string &expected)
{
	reader.fail(location_of(node.source()), subject, "expected " + expected + ", got " + type_name(node));
}

std::int64_t checked_range(const TableReader &reader, const toml::node &node, const std::string &subject,
			   std::int64_t value, std::int64_t min, std::int64_t max, Formatter format)
{
	if (value < min || value > max)
		reader.fail(location_of(node.source()), subject,
			    format(value) + " is out of range; accepted: " + range_text(min, max, format));
	return value;
}

std::string string_value(const TableReader &reader, const toml::node &node, const std::string &subject,
			 const StringCheck &check)
{
	const auto *value = node.as_string();
	if (!value)
		fail_type(reader, node, subject, "a string");
	if (check) {
		if (std::optional<std::string> problem = check(value->get()))
			reader.fail(location_of(node.source()), subject, *problem);
	}
	return value->get();
}

std::int64_t integer_value(const TableReader &reader, const toml::node &node, const std::string &subject,
			   std::int64_t min, std::int64_t max)
{
	const auto *value = node.as_integer();
	if (!value)
		fail_type(reader, node, subject, "an integer");
	return checked_range(reader, node, subject, value->get(), min, max, format_integer);
}

struct QuantityKind {
	const char *expected;
	std::int64_t integer_factor;  // what a bare TOML integer is counted in
	std::int64_t (*parse)(std::string_view);
	Formatter format;
};

const QuantityKind size_kind = {
	"a size (an integer number of bytes or a string such as \"4KiB\" or \"256MiB\")", 1, parse_size, format_size,
};

const QuantityKind duration_kind = {
	"a duration (an integer number of seconds or a string such as \"500ms\" or \"2s\")", ns_per_second,
	parse_duration, format_duration,
};

std::int64_t quantity_value(const TableReader &reader, const toml::node &node, const std::string &subject,
			    std::int64_t min, std::int64_t max, const QuantityKind &kind)
{
	std::int64_t value = 0;
	if (const auto *integer = node.as_integer()) {
		if (__builtin_mul_overflow(integer->get(), kind.integer_factor, &value))
			reader.fail(location_of(node.source()), subject, std::to_string(integer->get()) + " is too large");
	} else if (const auto *text = node.as_string()) {
		try {
			value = kind.parse(text->get());
		} catch (const UnitError &error) {
			reader.fail(location_of(node.source()), subject, error.what());
		}
	} else {
		fail_type(reader, node, subject, kind.expected);
	}
	return checked_range(reader, node, subject, value, min, max, kind.format);
}

const toml::array &array_value(const TableReader &reader, const toml::node &node, const std::string &key,
			       const std::string &items)
{
	const auto *array = node.as_array();
	if (!array)
		fail_type(reader, node, key_subject(key), "an array of " + items);
	return *array;
}

std::string scalar_text(const TableReader &reader, const toml::node &node, const std::string &subject)
{
	if (const auto *text = node.as_string())
		return text->get();
	if (const auto *integer = node.as_integer())
		return std::to_string(integer->get());
	if (const auto *number = node.as_floating_point())
		return fmt::format("{}", number->get());
	if (const auto *flag = node.as_boolean())
		return flag->get() ? "true" : "false";
	fail_type(reader, node, subject, "a string, a number or a boolean");
}

}  // namespace

TableReader::TableReader(const toml::table &table, std::string label) : table_(table), label_(std::move(label))
{
}

SourceLocation TableReader::where() const
{
	return location_of(table_.source());
}

SourceLocation TableReader::where(const std::string &key) const
{
	const toml::node *node = table_.get(key);
	return node ? location_of(node->source()) : where();
}

std::optional<std::string> TableReader::string(const std::string &key, const StringCheck &check) const
{
	const toml::node *node = table_.get(key);
	if (!node)
		return std::nullopt;
	return string_value(*this, *node, key_subject(key), check);
}

std::optional<std::vector<std::string>> TableReader::strings(const std::string &key, const StringCheck &check) const
{
	const toml::node *node = table_.get(key);
	if (!node)
		return std::nullopt;
	const toml::array &array = array_value(*this, *node, key, "strings");
	std::vector<std::string> values;
	std::set<std::string> seen;
	for (std::size_t i = 0; i < array.size(); i++) {
		std::string value = string_value(*this, array[i], item_subject(key, i), check);
		if (!seen.insert(value).second)
			fail(location_of(array[i].source()), item_subject(key, i), "'" + value + "' is listed twice");
		values.push_back(value);
	}
	return values;
}

std::optional<bool> TableReader::boolean(const std::string &key) const
{
	const toml::node *node = table_.get(key);
	if (!node)
		return std::nullopt;
	const auto *value = node->as_boolean();
	if (!value)
		fail_type(*this, *node, key_subject(key), "a boolean (true or false)");
	return value->get();
}

std::optional<std::int64_t> TableReader::integer(const std::string &key, std::int64_t min, std::int64_t max) const
{
	const toml::node *node = table_.get(key);
	if (!node)
		return std::nullopt;
	return integer_value(*this, *node, key_subject(key), min, max);
}

std::optional<std::vector<std::int64_t>> TableReader::integers(const std::string &key, std::int64_t min,
								std::int64_t max) const
{
	const toml::node *node = table_.get(key);
	if (!node)
		return std::nullopt;
	const toml::array &array = array_value(*this, *node, key, "integers");
	std::vector<std::int64_t> values;
	std::set<std::int64_t> seen;
	for (std::size_t i = 0; i < array.size(); i++) {
		std::int64_t value = integer_value(*this, array[i], item_subject(key, i), min, max);
		if (!seen.insert(value).second)
			fail(location_of(array[i].source()), item_subject(key, i), std::to_string(value) + " is listed twice");
		values.push_back(value);
	}
	return values;
}

std::optional<std::int64_t> TableReader::size(const std::string &key, std::int64_t min, std::int64_t max) const
{
	const toml::node *node = table_.get(key);
	if (!node)
		return std::nullopt;
	return quantity_value(*this, *node, key_subject(key), min, max, size_kind);
}

std::optional<std::int64_t> TableReader::duration(const std::string &key, std::int64_t min, std::int64_t max) const
{
	const toml::node *node = table_.get(key);
	if (!node)
		return std::nullopt;
	return quantity_value(*this, *node, key_subject(key), min, max, duration_kind);
}

std::optional<std::map<std::string, std::string>> TableReader::string_map(const std::string &key) const
{
	const toml::node *node = table_.get(key);
	if (!node)
		return std::nullopt;
	const auto *table = node->as_table();
	if (!table)
		fail_type(*this, *node, key_subject(key), "a table such as { name = \"value\", count = 4 }");
	std::map<std::string, std::string> values;
	for (const auto &[entry_key, value] : *table)
		values[std::string(entry_key.str())] =
			scalar_text(*this, value, key_subject(key) + " entry '" + std::string(entry_key.str()) + "'");
	return values;
}

void TableReader::reject_unknown_keys(const std::vector<std::string> &accepted) const
{
	for (const auto &[key, value] : table_) {
		std::string name(key.str());
		if (std::find(accepted.begin(), accepted.end(), name) != accepted.end())
			continue;
		fail(location_of(key.source()), key_subject(name),
		     "unknown key; accepted keys: " + quoted_list(accepted) + did_you_mean(name, accepted));
	}
}

void TableReader::fail(const std::string &problem) const
{
	fail_at(where(), label_ + " " + problem);
}

void TableReader::fail(const SourceLocation &where, const std::string &subject, const std::string &problem) const
{
	fail_at(where, label_ + " " + subject + ": " + problem);
}

}  // namespace kmh

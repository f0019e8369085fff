// Parsing and printing of sizes and durations with exact integer arithmetic.
#include "scenario/units.h"

#include <algorithm>
#include <vector>

#include "common/suggestion.h"

namespace kmh {

namespace {

struct Unit {
	std::string name;
	std::int64_t factor;
	bool printed = true;  // whether format_size() and format_duration() use it
};

struct Quantity {
	const char *what;          // "size", "duration"
	const char *base_unit;     // "bytes", "nanoseconds"
	std::int64_t bare_factor;  // the factor of a number written without a unit
	std::vector<Unit> units;
	const char *accepted;      // the units as the error message lists them
};

constexpr std::int64_t KiB = 1024;
constexpr std::int64_t second = ns_per_second;

const Quantity size_quantity = {
	"size", "bytes", 1,
	{ { "B", 1 }, { "K", KiB, false }, { "KiB", KiB }, { "M", KiB * KiB, false }, { "MiB", KiB * KiB },
	  { "G", KiB * KiB * KiB, false }, { "GiB", KiB * KiB * KiB }, { "T", KiB * KiB * KiB * KiB, false },
	  { "TiB", KiB * KiB * KiB * KiB }, { "kB", 1000, false }, { "MB", 1000 * 1000, false },
	  { "GB", 1000 * 1000 * 1000, false }, { "TB", 1000LL * 1000 * 1000 * 1000, false } },
	"B, K or KiB, M or MiB, G or GiB, T or TiB (powers of 1024), kB, MB, GB, TB (powers of 1000)",
};

const Quantity duration_quantity = {
	"duration", "nanoseconds", second,
	{ { "ns", 1 }, { "us", 1000 }, { "ms", 1000 * 1000 }, { "s", second }, { "m", 60 * second },
	  { "h", 3600 * second } },
	"ns, us, ms, s, m, h (a bare number means seconds)",
};

// Enough digits for any int64 quantity, few enough that the arithmetic below cannot overflow.
constexpr std::size_t max_digits = 19;

using Wide = unsigned __int128;

struct Decimal {
	Wide whole = 0;
	Wide fraction = 0;  // value = whole + fraction / scale
	Wide scale = 1;
};

std::string_view take_digits(std::string_view &text)
{
	std::size_t count = 0;
	while (count < text.size() && text[count] >= '0' && text[count] <= '9')
		count++;
	std::string_view digits = text.substr(0, count);
	text.remove_prefix(count);
	return digits;
}

Wide to_wide(std::string_view digits)
{
	Wide value = 0;
	for (char digit : digits)
		value = value * 10 + static_cast<Wide>(digit - '0');
	return value;
}

std::string example_of(const Quantity &quantity)
{
	return quantity.bare_factor == 1 ? "e.g. 4096, \"4KiB\" or \"1.5GiB\"" : "e.g. \"500ms\", \"2s\" or \"1.5h\"";
}

[[noreturn]] void reject(const Quantity &quantity, std::string_view text, const std::string &problem)
{
	throw UnitError(std::string(quantity.what) + " '" + std::string(text) + "' " + problem);
}

// Reads the leading number of `rest` and leaves the unit in it.
Decimal take_number(const Quantity &quantity, std::string_view text, std::string_view &rest)
{
	std::string_view whole = take_digits(rest);
	if (whole.empty())
		reject(quantity, text, "does not start with a number; write a non-negative number and a unit, " +
					       example_of(quantity));
	Decimal number;
	number.whole = to_wide(whole);
	std::size_t digits = whole.size();
	if (!rest.empty() && rest.front() == '.') {
		rest.remove_prefix(1);
		std::string_view fraction = take_digits(rest);
		if (fraction.empty())
			reject(quantity, text, "has no digits after the decimal point");
		number.fraction = to_wide(fraction);
		for (std::size_t i = 0; i < fraction.size(); i++)
			number.scale *= 10;
		digits += fraction.size();
	}
	if (digits > max_digits)
		reject(quantity, text, "has too many digits");
	return number;
}

std::int64_t factor_of(const Quantity &quantity, std::string_view text, std::string_view unit)
{
	if (unit.empty())
		return quantity.bare_factor;
	for (const Unit &known : quantity.units)
		if (known.name == unit)
			return known.factor;
	std::vector<std::string> names;
	for (const Unit &known : quantity.units)
		names.push_back(known.name);
	reject(quantity, text, "has an unknown unit '" + std::string(unit) + "'; accepted units (case-sensitive): " +
				       quantity.accepted + did_you_mean(unit, names));
}

std::int64_t parse_quantity(const Quantity &quantity, std::string_view text)
{
	std::string_view rest = text;
	Decimal number = take_number(quantity, text, rest);
	rest.remove_prefix(std::min(rest.find_first_not_of(' '), rest.size()));
	Wide factor = static_cast<Wide>(factor_of(quantity, text, rest));
	Wide fraction_part = number.fraction * factor;
	if (fraction_part % number.scale != 0)
		reject(quantity, text, std::string("is not a whole number of ") + quantity.base_unit);
	Wide total = number.whole * factor + fraction_part / number.scale;
	if (total > static_cast<Wide>(INT64_MAX))
		reject(quantity, text, "is too large");
	return static_cast<std::int64_t>(total);
}

std::string format_quantity(const Quantity &quantity, std::int64_t value, const char *zero)
{
	if (value == 0)
		return zero;
	const Unit *best = nullptr;
	for (const Unit &unit : quantity.units)
		if (unit.printed && value % unit.factor == 0 && (!best || unit.factor > best->factor))
			best = &unit;
	return std::to_string(value / best->factor) + best->name;
}

}  // namespace

std::int64_t parse_size(std::string_view text)
{
	return parse_quantity(size_quantity, text);
}

std::int64_t parse_duration(std::string_view text)
{
	return parse_quantity(duration_quantity, text);
}

std::string format_size(std::int64_t bytes)
{
	return format_quantity(size_quantity, bytes, "0B");
}

std::string format_duration(std::int64_t nanoseconds)
{
	return format_quantity(duration_quantity, nanoseconds, "0s");
}

}  // namespace kmh

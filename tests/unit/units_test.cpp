// Tests of size and duration parsing and printing (harness/scenario/units.h).
#include <gtest/gtest.h>

#include "scenario/units.h"

namespace kmh {
namespace {

constexpr std::int64_t KiB = 1024;
constexpr std::int64_t MiB = KiB * KiB;
constexpr std::int64_t GiB = MiB * KiB;
constexpr std::int64_t TiB = GiB * KiB;
constexpr std::int64_t ms = 1000 * 1000;
constexpr std::int64_t s = 1000 * ms;

std::string size_error(const std::string &text)
{
	try {
		parse_size(text);
	} catch (const UnitError &error) {
		return error.what();
	}
	ADD_FAILURE() << "parse_size(\"" << text << "\") did not throw";
	return "";
}

std::string duration_error(const std::string &text)
{
	try {
		parse_duration(text);
	} catch (const UnitError &error) {
		return error.what();
	}
	ADD_FAILURE() << "parse_duration(\"" << text << "\") did not throw";
	return "";
}

TEST(ParseSize, BareNumberIsBytes)
{
	EXPECT_EQ(parse_size("4096"), 4096);
	EXPECT_EQ(parse_size("0"), 0);
	EXPECT_EQ(parse_size("512B"), 512);
}

TEST(ParseSize, BinaryUnits)
{
	EXPECT_EQ(parse_size("4KiB"), 4 * KiB);
	EXPECT_EQ(parse_size("4K"), 4 * KiB);
	EXPECT_EQ(parse_size("256MiB"), 256 * MiB);
	EXPECT_EQ(parse_size("256M"), 256 * MiB);
	EXPECT_EQ(parse_size("1GiB"), GiB);
	EXPECT_EQ(parse_size("3G"), 3 * GiB);
	EXPECT_EQ(parse_size("2TiB"), 2 * TiB);
	EXPECT_EQ(parse_size("1T"), TiB);
}

TEST(ParseSize, DecimalUnits)
{
	EXPECT_EQ(parse_size("4kB"), 4000);
	EXPECT_EQ(parse_size("5MB"), 5000000);
	EXPECT_EQ(parse_size("2GB"), 2000000000);
	EXPECT_EQ(parse_size("1TB"), 1000000000000);
}

TEST(ParseSize, FractionsAndSpaces)
{
	EXPECT_EQ(parse_size("1.5GiB"), GiB + GiB / 2);
	EXPECT_EQ(parse_size("0.5KiB"), 512);
	EXPECT_EQ(parse_size("4 KiB"), 4 * KiB);
}

TEST(ParseSize, UnitsAreCaseSensitive)
{
	std::string message = size_error("4KB");
	EXPECT_NE(message.find("unknown unit 'KB'"), std::string::npos) << message;
	EXPECT_NE(message.find("case-sensitive"), std::string::npos) << message;
	EXPECT_NE(message.find("did you mean 'kB'?"), std::string::npos) << message;
	EXPECT_NE(size_error("4kib").find("did you mean 'KiB'?"), std::string::npos);
	EXPECT_NE(size_error("1gb").find("unknown unit 'gb'"), std::string::npos);
}

TEST(ParseSize, RejectsMalformedText)
{
	EXPECT_NE(size_error("").find("does not start with a number"), std::string::npos);
	EXPECT_NE(size_error("KiB").find("does not start with a number"), std::string::npos);
	EXPECT_NE(size_error("-4K").find("does not start with a number"), std::string::npos);
	EXPECT_NE(size_error("4XiB").find("unknown unit 'XiB'"), std::string::npos);
	EXPECT_NE(size_error("4KiB ").find("unknown unit"), std::string::npos);
	EXPECT_NE(size_error("1.KiB").find("no digits after the decimal point"), std::string::npos);
	EXPECT_NE(size_error("1.5").find("not a whole number of bytes"), std::string::npos);
	EXPECT_NE(size_error("0.1KiB").find("not a whole number of bytes"), std::string::npos);
}

TEST(ParseSize, RejectsValuesBeyondInt64)
{
	EXPECT_EQ(parse_size("8388607TiB"), 8388607 * TiB);
	EXPECT_NE(size_error("8388608TiB").find("too large"), std::string::npos);
	EXPECT_NE(size_error("99999999999999999999").find("too many digits"), std::string::npos);
}

TEST(ParseDuration, EveryUnit)
{
	EXPECT_EQ(parse_duration("100ns"), 100);
	EXPECT_EQ(parse_duration("250us"), 250000);
	EXPECT_EQ(parse_duration("500ms"), 500 * ms);
	EXPECT_EQ(parse_duration("2s"), 2 * s);
	EXPECT_EQ(parse_duration("1.5s"), 1500 * ms);
	EXPECT_EQ(parse_duration("1m"), 60 * s);
	EXPECT_EQ(parse_duration("1h"), 3600 * s);
	EXPECT_EQ(parse_duration("0.25h"), 900 * s);
}

TEST(ParseDuration, BareNumberIsSeconds)
{
	EXPECT_EQ(parse_duration("30"), 30 * s);
	EXPECT_EQ(parse_duration("0.5"), 500 * ms);
}

TEST(ParseDuration, RejectsBadUnitsAndFractions)
{
	std::string message = duration_error("2sec");
	EXPECT_NE(message.find("unknown unit 'sec'"), std::string::npos) << message;
	EXPECT_NE(message.find("ns, us, ms, s, m, h"), std::string::npos) << message;
	EXPECT_NE(duration_error("2S").find("did you mean 's'?"), std::string::npos);
	EXPECT_NE(duration_error("1.5ns").find("not a whole number of nanoseconds"), std::string::npos);
	EXPECT_NE(duration_error("ms").find("does not start with a number"), std::string::npos);
	EXPECT_NE(duration_error("9999999999h").find("too large"), std::string::npos);
}

TEST(FormatSize, ShortestExactBinarySpelling)
{
	EXPECT_EQ(format_size(0), "0B");
	EXPECT_EQ(format_size(4096), "4KiB");
	EXPECT_EQ(format_size(1000), "1000B");
	EXPECT_EQ(format_size(GiB + GiB / 2), "1536MiB");
	EXPECT_EQ(format_size(3 * TiB), "3TiB");
	for (std::int64_t bytes : { std::int64_t{ 1 }, 4 * KiB, 1536 * MiB, 7 * TiB, std::int64_t{ 123456789 } })
		EXPECT_EQ(parse_size(format_size(bytes)), bytes);
}

TEST(FormatDuration, ShortestExactSpelling)
{
	EXPECT_EQ(format_duration(0), "0s");
	EXPECT_EQ(format_duration(60 * s), "1m");
	EXPECT_EQ(format_duration(90 * s), "90s");
	EXPECT_EQ(format_duration(1500 * ms), "1500ms");
	EXPECT_EQ(format_duration(24 * 3600 * s), "24h");
	EXPECT_EQ(format_duration(7), "7ns");
	for (std::int64_t ns : { std::int64_t{ 1 }, 250 * ms, 3600 * s, std::int64_t{ 1001 } })
		EXPECT_EQ(parse_duration(format_duration(ns)), ns);
}

}  // namespace
}  // namespace kmh

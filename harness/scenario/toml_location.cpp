// Where a TOML node sits in its scenario file, and the located invalid_input error built from it.
#include "scenario/toml_location.h"

#include "common/error.h"

namespace kmh {

SourceLocation location_of(const toml::source_region &region)
{
	SourceLocation where;
	if (region.path)
		where.file = *region.path;
	where.line = static_cast<int>(region.begin.line);
	where.column = static_cast<int>(region.begin.column);
	return where;
}

void fail_at(const SourceLocation &where, const std::string &problem)
{
	throw invalid_input(where.to_string() + ": " + problem);
}

void fail_at(const toml::source_region &region, const std::string &problem)
{
	fail_at(location_of(region), problem);
}

}  // namespace kmh

// The one reader of /proc/meminfo.
#include "system/meminfo.h"

#include "system/file_io.h"
#include "system/proc_text.h"

namespace kmh {

namespace {

const std::string field_line_shape = "\"<Field>: <value>\" or \"<Field>: <value> kB\"";

MeminfoField read_field_line(const ProcLine &line)
{
	std::vector<std::string_view> f = split_fields(line.text);
	bool in_kb = f.size() == 3 && f[2] == "kB";
	if ((f.size() != 2 && !in_kb) || f[0].size() < 2 || !f[0].ends_with(':'))
		throw malformed_proc_line(line, field_line_shape);
	double value = parse_proc_count(f[1], line);
	return {std::string(f[0].substr(0, f[0].size() - 1)), in_kb ? value * 1024 : value};
}

}  // namespace

std::vector<MeminfoField> parse_meminfo_fields(const std::string &text, std::string_view source)
{
	std::vector<MeminfoField> fields;
	for (const ProcLine &line : split_proc_lines(text, source)) {
		if (!split_fields(line.text).empty())
			fields.push_back(read_field_line(line));
	}
	return fields;
}

std::vector<MeminfoField> read_meminfo()
{
	std::optional<std::string> text = read_text_file("/proc/meminfo");
	return text ? parse_meminfo_fields(*text) : std::vector<MeminfoField>();
}

std::optional<double> meminfo_value(const std::vector<MeminfoField> &fields, std::string_view name)
{
	for (const MeminfoField &field : fields)
		if (field.name == name)
			return field.value;
	return std::nullopt;
}

}  // namespace kmh

// Reading the sysctls a scenario sets or names into sysctl.<name> metrics.
#include "run/sysctl_metrics.h"

#include <algorithm>
#include <optional>
#include <set>

#include "assertions/assertion_ast.h"
#include "assertions/assertion_parser.h"
#include "common/error.h"
#include "common/whole_number.h"
#include "system/file_io.h"

namespace kmh {

namespace {

const std::string sysctl_prefix = "sysctl.";

std::string trimmed(const std::string &text)
{
	std::size_t first = text.find_first_not_of(" \t\n");
	std::size_t last = text.find_last_not_of(" \t\n");
	return first == std::string::npos ? "" : text.substr(first, last - first + 1);
}

}  // namespace

std::vector<std::string> sysctls_to_record(const Scenario &scenario)
{
	std::set<std::string> names;
	for (const SysctlSetting &setting : scenario.sysctls)
		names.insert(setting.name);
	for (const AssertionSpec &spec : scenario.assertions)
		for (const MetricReference &reference : metric_references(compile_assertion(spec.expr)))
			if (reference.name.rfind(sysctl_prefix, 0) == 0)
				names.insert(reference.name.substr(sysctl_prefix.size()));
	return {names.begin(), names.end()};
}

std::vector<Metric> read_sysctl_metrics(const std::vector<std::string> &names, const std::string &proc_sys)
{
	std::vector<Metric> metrics;
	for (const std::string &name : names) {
		std::string path = name;
		std::replace(path.begin(), path.end(), '.', '/');
		path = proc_sys + "/" + path;
		std::optional<std::string> text = read_text_file(path);
		if (!text)
			throw environment_error("sysctl " + name + " does not exist on this kernel (" + path +
						"): an assertion names sysctl." + name);
		std::string value = trimmed(*text);
		std::optional<long long> number = whole_number(value);
		if (!number)
			throw invalid_input("sysctl " + name + " is \"" + value + "\", not a single integer: sysctl." +
					    name + " reads only sysctls that hold one integer");
		metrics.push_back({sysctl_prefix + name, {}, static_cast<double>(*number)});
	}
	return metrics;
}

}  // namespace kmh

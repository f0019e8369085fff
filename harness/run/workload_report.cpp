// Parsing the workload child's report and failure messages.
#include "run/workload_report.h"

#include <nlohmann/json.hpp>

#include "common/error.h"

namespace kmh {

namespace {

nlohmann::json option_json(const OptionValue &value)
{
	return std::visit([](const auto &v) { return nlohmann::json(v); }, value);
}

}  // namespace

WorkloadResult initial_workload_result(const WorkloadSpec &spec)
{
	WorkloadResult result;
	result.name = spec.name;
	result.kind = spec.kind;
	result.phase = spec.phase;
	result.cpus = spec.cpus;
	result.status = "not_started";
	result.options = nlohmann::json::object();
	for (const auto &[name, value] : spec.options.all())
		result.options[name] = option_json(value);
	return result;
}

WorkloadFailure parse_workload_failure(const std::string &message)
{
	WorkloadFailure failure;
	std::size_t code_start = message.find(' ');
	std::size_t text_start = message.find(' ', code_start + 1);
	if (code_start == std::string::npos || text_start == std::string::npos) {
		failure.message = message;
		return failure;
	}
	int code = std::atoi(message.substr(code_start + 1, text_start - code_start - 1).c_str());
	if (code >= to_int(ExitCode::invalid_input) && code <= to_int(ExitCode::kernel_crashed))
		failure.code = static_cast<ExitCode>(code);
	failure.message = message.substr(text_start + 1);
	return failure;
}

void apply_workload_report(WorkloadResult &workload, const std::string &report_json)
{
	nlohmann::json report = nlohmann::json::parse(report_json, nullptr, false);
	if (report.is_discarded() || !report.contains("metrics"))
		throw run_error("workload " + workload.name + " sent a malformed report");
	workload.status = "ok";
	workload.duration_s = report.value("duration_s", 0.0);
	for (const auto &metric : report["metrics"])
		workload.metrics.push_back(Metric{"workload." + workload.name + "." + metric.at("metric").get<std::string>(),
						  metric.at("labels").get<Labels>(), metric.at("value").get<double>()});
}

}  // namespace kmh

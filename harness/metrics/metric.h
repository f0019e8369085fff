// One measured value: a dotted name, string labels and a number.
#pragma once

#include <map>
#include <string>

namespace kmh {

using Labels = std::map<std::string, std::string>;

struct Metric {
	std::string name;
	Labels labels;
	double value = 0;
};

}  // namespace kmh

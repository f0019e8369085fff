// The error compile_assertion() throws: what is wrong with an expression and at which column.
#pragma once

#include <stdexcept>
#include <string>

namespace kmh {

// what() is the problem alone ("expected ')' but found '}'"); column() is 1-based in the
// expression text, so callers can place it in their own message.
class AssertionSyntaxError : public std::runtime_error {
public:
	AssertionSyntaxError(int column, const std::string &problem) : std::runtime_error(problem), column_(column) {}
	int column() const { return column_; }

private:
	int column_;
};

}  // namespace kmh

// The message of the invalid-input error an action throws, and a substring test, for tests of input errors.
#pragma once

#include <functional>
#include <string>

#include <gtest/gtest.h>

#include "common/error.h"

namespace kmh {

// The message of the invalid_input error `action` throws; a test failure naming `input` if none.
inline std::string input_error_message(const std::function<void()> &action, const std::string &input)
{
	try {
		action();
	} catch (const Error &error) {
		EXPECT_EQ(error.code(), ExitCode::invalid_input);
		return error.what();
	}
	ADD_FAILURE() << "no error for:\n" << input;
	return "";
}

inline bool contains(const std::string &text, const std::string &part)
{
	return text.find(part) != std::string::npos;
}

}  // namespace kmh

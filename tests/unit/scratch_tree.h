// A test fixture with a scratch folder of its own (removed afterwards) and files written into it.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace kmh {

class ScratchTree : public testing::Test {
protected:
	explicit ScratchTree(const std::string &name)
		: dir_(std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid())))
	{
	}
	void SetUp() override
	{
		std::filesystem::remove_all(dir_);
		std::filesystem::create_directories(dir_);
	}
	void TearDown() override { std::filesystem::remove_all(dir_); }

	void write(const std::string &relative, const std::string &text)
	{
		std::filesystem::create_directories((dir_ / relative).parent_path());
		std::ofstream(dir_ / relative) << text;
	}
	std::string path(const std::string &relative) const { return (dir_ / relative).string(); }

	std::filesystem::path dir_;
};

}  // namespace kmh

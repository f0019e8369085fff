// Keeps every output table honest: each entry renders a sample, has its option, and is in the docs.
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "cli/matrix_command.h"
#include "cli/run_command.h"
#include "compare/compare_cli.h"
#include "compare/compare_outputs.h"
#include "matrix/grid_outputs.h"
#include "report/output_options.h"
#include "report/output_writer.h"
#include "report/run_outputs.h"

namespace kmh {
namespace {

RunResult sample_run()
{
	RunResult result;
	result.status = "passed";
	result.complete = true;
	result.exit_code = ExitCode::passed;
	result.scenario.name = "sample";
	result.system.kernel_release = "6.1.0-57-amd64";
	result.metrics.add("pcp.drain.events", {{"cpu", "0"}, {"scope", "workload"}}, 3);
	result.assertions = {{"drains", "pcp.drain.events > 0", "", 3, 0, "> 0", "", Verdict::pass, {"s.toml", 9, 1}}};
	return result;
}

CompareReport sample_comparison()
{
	RunSet baseline{"baseline", {{"a/result.json", sample_run()}}};
	RunSet candidate{"candidate", {{"b/result.json", sample_run()}}};
	return build_compare_report(std::move(baseline), std::move(candidate), {});
}

MatrixGrid sample_grid()
{
	MatrixGrid grid;
	grid.output_dir = "/out";
	grid.kernels = {{"host", "", "6.18.44", "host-6.18.44"}};
	grid.scenarios = {{"s.toml", "sample", "sample"}};
	MatrixCell cell;
	cell.verdict = CellVerdict::pass;
	cell.exit_code = ExitCode::passed;
	cell.result_dir = "/out/host-6.18.44/sample";
	grid.cells = {cell};
	return grid;
}

std::string read_doc(const std::string &name)
{
	std::ifstream file(std::string(KMH_SOURCE_DIR) + "/docs/" + name);
	EXPECT_TRUE(file) << "cannot open docs/" << name;
	std::ostringstream text;
	text << file.rdbuf();
	return text.str();
}

// Names are option words; one terminal format; file formats, and only they, have distinct file
// names; every renderer makes text of its own for the sample.
template <typename Subject>
void expect_sound_table(const OutputTable<Subject> &table, const Subject &sample)
{
	std::set<std::string> names, files, texts;
	int terminals = 0;
	for (const OutputFormat<Subject> &format : table) {
		SCOPED_TRACE(format.name);
		EXPECT_TRUE(std::regex_match(format.name, std::regex("[a-z][a-z0-9-]*")));
		EXPECT_TRUE(names.insert(format.name).second) << "name used twice";
		EXPECT_FALSE(format.description.empty());
		terminals += format.place == OutputPlace::terminal;
		if (format.place == OutputPlace::file)
			EXPECT_TRUE(!format.file_name.empty() && files.insert(format.file_name).second) << format.file_name;
		else
			EXPECT_EQ(format.file_name, "");
		std::string text = format.render(sample, {});
		EXPECT_FALSE(text.empty());
		EXPECT_TRUE(texts.insert(text).second) << "renders the same text as another format";
	}
	EXPECT_EQ(terminals, 1);
}

// Every stdout format's flag and every file name is in the command's documentation.
template <typename Subject>
void expect_documented(const OutputTable<Subject> &table, const std::string &doc_name)
{
	std::string doc = read_doc(doc_name);
	for (const OutputFormat<Subject> &format : table) {
		if (format.place == OutputPlace::stdout_format) {
			EXPECT_NE(doc.find("`--" + format.name + "`"), std::string::npos) << "--" << format.name << " in " << doc_name;
		}
		if (format.place == OutputPlace::file) {
			EXPECT_NE(doc.find("`" + format.file_name + "`"), std::string::npos) << format.file_name << " in " << doc_name;
		}
	}
}

TEST(OutputFormats, EveryRunFormatRendersAndIsDocumented)
{
	expect_sound_table(run_output_formats(), sample_run());
	expect_documented(run_output_formats(), "cli.md");
}

TEST(OutputFormats, EveryComparisonFormatRendersAndIsDocumented)
{
	expect_sound_table(compare_output_formats(), sample_comparison());
	expect_documented(compare_output_formats(), "compare.md");
	std::string doc = read_doc("compare.md");
	for (const OutputFormat<CompareReport> &format : compare_output_formats())
		if (format.place == OutputPlace::file) {
			EXPECT_NE(doc.find("`--" + format.name + " FILE`"), std::string::npos) << format.name;
		}
}

TEST(OutputFormats, EveryMatrixFormatRendersAndIsDocumented)
{
	expect_sound_table(grid_output_formats(), sample_grid());
	expect_documented(grid_output_formats(), "cli.md");
}

// The flags come from the table: each stdout format's flag picks it, and two of them are refused.
TEST(OutputFormats, StdoutFlagsAreGeneratedAndExcludeEachOther)
{
	auto text = [](const int &, const RenderContext &) { return std::string("x"); };
	OutputTable<int> table = {{"terminal", OutputPlace::terminal, "", "the text", text},
				  {"alpha", OutputPlace::stdout_format, "", "Alpha", text},
				  {"beta", OutputPlace::stdout_format, "", "Beta", text},
				  {"file", OutputPlace::file, "f.txt", "a file", text}};
	CLI::App app;
	std::string chosen;
	add_stdout_format_flags(&app, table, chosen);
	EXPECT_EQ(app.get_option("--alpha")->get_description(), "print Alpha on stdout (the text goes to stderr)");
	EXPECT_THROW(app.get_option("--file"), CLI::OptionNotFound);
	app.parse(std::vector<std::string>{"--beta"});
	EXPECT_EQ(chosen, "beta");
	EXPECT_THROW(app.parse(std::vector<std::string>{"--beta", "--alpha"}), CLI::ExcludesError);
}

// `command` (its arguments reversed, as CLI::App::parse takes them) with --<name> added picks each
// stdout format of `table`.
template <typename Subject, typename Arguments>
void expect_flag_per_stdout_format(const OutputTable<Subject> &table, CLI::App *(*add_command)(CLI::App &, Arguments &),
				   const std::vector<std::string> &command)
{
	for (const OutputFormat<Subject> &format : table) {
		if (format.place != OutputPlace::stdout_format)
			continue;
		CLI::App app;
		Arguments args;
		add_command(app, args);
		std::vector<std::string> line = {"--" + format.name};
		line.insert(line.end(), command.begin(), command.end());
		app.parse(std::move(line));
		EXPECT_EQ(args.stdout_format, format.name);
	}
}

TEST(OutputFormats, RunAndMatrixTakeAFlagPerStdoutFormat)
{
	expect_flag_per_stdout_format(run_output_formats(), add_run_command, {"s.toml", "run"});
	expect_flag_per_stdout_format(grid_output_formats(), add_matrix_command, {"host", "--kernel", "s.toml", "matrix"});
}

TEST(OutputFormats, CompareTakesAFilePerFileFormat)
{
	for (const OutputFormat<CompareReport> &format : compare_output_formats()) {
		if (format.place != OutputPlace::file)
			continue;
		CLI::App app;
		CompareOptions options;
		add_compare_command(app, options);
		app.parse(std::vector<std::string>{"out." + format.name, "--" + format.name, "a", "compare"});
		EXPECT_EQ(options.report_files, (std::map<std::string, std::string>{{format.name, "out." + format.name}}));
		EXPECT_THROW(app.parse(std::vector<std::string>{"", "--" + format.name, "a", "compare"}), CLI::ValidationError);
	}
}

// A folder holds every file format under its file name, with the text its renderer makes.
TEST(OutputFormats, AFolderHoldsEveryFileFormat)
{
	std::filesystem::path folder = std::filesystem::path(::testing::TempDir()) / "kmh_output_formats_test";
	std::filesystem::remove_all(folder);
	write_output_folder(grid_output_formats(), sample_grid(), (folder / "new").string());
	for (const OutputFormat<MatrixGrid> &format : grid_output_formats()) {
		if (format.place != OutputPlace::file)
			continue;
		std::ifstream in(folder / "new" / format.file_name);
		std::stringstream text;
		text << in.rdbuf();
		EXPECT_EQ(text.str(), format.render(sample_grid(), {})) << format.file_name;
	}
	std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace kmh

// No include from a lower layer into a higher one: the real tree against harness/layers.tsv, and the check itself on fake trees.
#include <gtest/gtest.h>

#include <fstream>
#include <stdexcept>

#include "include_layers.h"
#include "scratch_tree.h"

namespace kmh {
namespace {

std::string joined(const std::vector<std::string> &lines)
{
	std::string text;
	for (const std::string &line : lines)
		text += "\n  " + line;
	return text;
}

TEST(IncludeDirection, EveryIncludeOfTheTreeGoesDownTheLayerTable)
{
	std::vector<Layer> layers = read_layers(std::string(KMH_SOURCE_DIR) + "/harness/layers.tsv");
	std::vector<std::string> violations = include_violations(KMH_SOURCE_DIR, layers);
	EXPECT_TRUE(violations.empty()) << violations.size() << " include(s) against harness/layers.tsv:"
					<< joined(violations);
}

class FakeTree : public ScratchTree {
protected:
	FakeTree() : ScratchTree("kmh-include-layers") {}

	std::vector<std::string> violations()
	{
		return include_violations(dir_, {{0, "harness/low"}, {1, "harness/left"}, {1, "harness/right"},
						 {2, "harness/high"}, {3, "harness/main.cpp"}, {4, "tests"}});
	}
};

TEST_F(FakeTree, AcceptsIncludesDownwardAndWithinAFolder)
{
	write("harness/low/a.h", "#pragma once\n");
	write("harness/low/b.h", "#include \"a.h\"\n#include \"low/a.h\"\n");
	write("harness/high/c.cpp", "#include \"low/b.h\"\n#include <vector>\n#include \"left/d.h\"\n");
	write("harness/left/d.h", "#include \"low/a.h\"\n");
	write("harness/main.cpp", "#include \"high/c.h\"\n#include \"page_alloc.skel.h\"\n");
	write("harness/high/c.h", "");
	write("tests/e_test.cpp", "#  include \"harness/main.cpp\"\n");
	EXPECT_TRUE(violations().empty()) << joined(violations());
}

TEST_F(FakeTree, NamesTheFileTheLineAndTheForbiddenEdge)
{
	write("harness/low/a.h", "#pragma once\n\n#include \"high/c.h\"\n");
	write("harness/high/c.h", "");
	std::vector<std::string> found = violations();
	ASSERT_EQ(found.size(), 1u) << joined(found);
	EXPECT_EQ(found[0], "harness/low/a.h:3: #include \"high/c.h\": harness/low (level 0) may not include "
			    "harness/high (level 2): only lower levels (harness/layers.tsv)");
}

TEST_F(FakeTree, ForbidsIncludesBetweenFoldersOfOneLevel)
{
	write("harness/left/d.h", "#include \"right/e.h\"\n");
	write("harness/right/e.h", "");
	std::vector<std::string> found = violations();
	ASSERT_EQ(found.size(), 1u) << joined(found);
	EXPECT_NE(found[0].find("harness/left (level 1) may not include harness/right (level 1)"), std::string::npos)
		<< found[0];
}

TEST_F(FakeTree, TreatsASubfolderAsPartOfItsFolder)
{
	write("harness/low/deep/f.h", "#include \"high/sub/g.h\"\n");
	write("harness/high/sub/g.h", "#include \"low/deep/f.h\"\n");
	std::vector<std::string> found = violations();
	ASSERT_EQ(found.size(), 1u) << joined(found);
	EXPECT_NE(found[0].find("harness/low/deep/f.h:1: #include \"high/sub/g.h\": harness/low (level 0)"),
		  std::string::npos)
		<< found[0];
}

TEST_F(FakeTree, ReportsFilesAndIncludesOutsideTheTable)
{
	write("harness/new_stage/h.cpp", "");
	write("harness/low/a.h", "#include \"no_such/header.h\"\n");
	std::vector<std::string> found = violations();
	ASSERT_EQ(found.size(), 2u) << joined(found);
	EXPECT_EQ(found[0], "harness/low/a.h:1: #include \"no_such/header.h\": names no file beside it nor under "
			    "harness/, the root or bpf/");
	EXPECT_EQ(found[1], "harness/new_stage/h.cpp: lies in no folder of harness/layers.tsv");
}

class LayerTable : public ScratchTree {
protected:
	LayerTable() : ScratchTree("kmh-layer-table") {}

	std::string error_of(const std::string &text)
	{
		write("layers.tsv", text);
		try {
			read_layers(path("layers.tsv"));
		} catch (const std::runtime_error &error) {
			return error.what();
		}
		return "";
	}
};

TEST_F(LayerTable, ReadsLevelsAndFoldersAndSkipsComments)
{
	write("layers.tsv", "# level\tfolder\twhat\n0\tharness/common\tvocabulary\n\n2\tworkloads\tkinds\n");
	std::vector<Layer> layers = read_layers(path("layers.tsv"));
	ASSERT_EQ(layers.size(), 2u);
	EXPECT_EQ(layers[1].level, 2);
	EXPECT_EQ(layers[1].folder, "workloads");
}

TEST_F(LayerTable, RejectsAMalformedRowByLine)
{
	std::string message = error_of("0\tharness/common\tvocabulary\nhigh\tharness/run\truns\n");
	EXPECT_NE(message.find("layers.tsv:2: expected \"<level>\\t<folder>\\t<what it holds>\""), std::string::npos)
		<< message;
}

TEST_F(LayerTable, RejectsAFolderListedTwice)
{
	std::string message = error_of("0\tharness/common\tone\n1\tharness/common\ttwo\n");
	EXPECT_NE(message.find("layers.tsv:2: harness/common is listed twice"), std::string::npos) << message;
}

}  // namespace
}  // namespace kmh

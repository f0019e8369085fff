// Keeps the user docs level with the code: every catalog family and label in docs/metrics.md, every workload kind in docs/workloads.md.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "metrics/catalog.h"
#include "workloads/workload.h"

namespace kmh {
namespace {

const std::string docs_dir = std::string(KMH_SOURCE_DIR) + "/docs/";

std::string read_doc(const std::string &name)
{
	std::ifstream file(docs_dir + name);
	EXPECT_TRUE(file) << "cannot open " << docs_dir + name;
	std::ostringstream text;
	text << file.rdbuf();
	return text.str();
}

std::string regex_escaped(const std::string &text)
{
	static const std::regex special(R"([.^$|()\[\]{}*+?\\-])");
	return std::regex_replace(text, special, R"(\$&)");
}

// Whether `doc` mentions `name` as a whole name: "page.alloc.events" is not mentioned by
// "page.alloc.events_total" nor "slab.kmalloc" by "slab.kmalloc.events", but a sentence may end
// right after a name ("… counts page.free.events.").
bool mentions(const std::string &doc, const std::string &name)
{
	std::regex whole_name("(^|[^A-Za-z0-9_.-])" + regex_escaped(name) + "(?![A-Za-z0-9_-]|\\.[A-Za-z0-9_*])");
	return std::regex_search(doc, whole_name);
}

TEST(DocsCatalog, MentionsMatchesWholeNamesOnly)
{
	EXPECT_TRUE(mentions("| `page.alloc.events` | cpu |", "page.alloc.events"));
	EXPECT_TRUE(mentions("pcp.drain.events{cpu=1} > 0", "pcp.drain.events"));
	EXPECT_TRUE(mentions("it ends with page.free.events.\n", "page.free.events"));
	EXPECT_TRUE(mentions("`meminfo.*`: every field", "meminfo.*"));
	EXPECT_TRUE(mentions("## stress-ng", "stress-ng"));
	EXPECT_FALSE(mentions("page.alloc.events_total", "page.alloc.events"));
	EXPECT_FALSE(mentions("slab.kmalloc.events", "slab.kmalloc"));
	EXPECT_FALSE(mentions("the xpage.alloc.events family", "page.alloc.events"));
	EXPECT_FALSE(mentions("meminfo.MemFree", "meminfo.*"));
	EXPECT_FALSE(mentions("stress-ng-vm", "stress-ng"));
}

TEST(DocsCatalog, MetricsDocNamesEveryCatalogFamily)
{
	std::string doc = read_doc("metrics.md");
	for (const MetricFamily &family : metric_catalog())
		EXPECT_TRUE(mentions(doc, family.name)) << "docs/metrics.md does not mention " << family.name;
}

TEST(DocsCatalog, MetricsDocNamesEveryLabelAsCode)
{
	std::string doc = read_doc("metrics.md");
	for (const MetricFamily &family : metric_catalog())
		for (const std::string &label : family.labels)
			EXPECT_NE(doc.find("`" + label + "`"), std::string::npos)
				<< "docs/metrics.md does not describe label `" << label << "` of " << family.name;
}

TEST(DocsCatalog, WorkloadsDocNamesEveryRegisteredKind)
{
	if (!std::filesystem::exists(docs_dir + "workloads.md"))
		GTEST_SKIP() << "docs/workloads.md does not exist yet";
	std::string doc = read_doc("workloads.md");
	for (const WorkloadDescriptor &descriptor : workload_registry())
		EXPECT_TRUE(mentions(doc, descriptor.schema.kind)) << "docs/workloads.md does not mention " << descriptor.schema.kind;
}

}  // namespace
}  // namespace kmh

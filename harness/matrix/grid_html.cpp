// The matrix grid as one self-contained HTML page: no scripts, fonts or images from elsewhere.
#include <fmt/format.h>

#include "matrix/grid_reports.h"
#include "report/markup_escape.h"

namespace kmh {

namespace {

constexpr const char *style = R"CSS(
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.7em; text-align: left; }
td.PASS { background: #d9f2d9; } td.FAIL { background: #f8d0d0; } td.SKIP { background: #fbeec1; }
td.ERROR, td.CRASH { background: #e89a9a; font-weight: bold; }
td a { color: inherit; }
li pre { margin: 0.2em 0; white-space: pre-wrap; }
)CSS";

std::string table(const MatrixGrid &grid)
{
	std::string html = "<table id=\"grid\"><tr><th>scenario</th>";
	for (const MatrixKernel &kernel : grid.kernels)
		html += "<th>" + markup_escape(kernel.label()) + "</th>";
	html += "</tr>\n";
	for (std::size_t s = 0; s < grid.scenarios.size(); s++) {
		html += "<tr><th>" + markup_escape(grid.scenarios[s].name) + "</th>";
		for (std::size_t k = 0; k < grid.kernels.size(); k++) {
			const MatrixCell *cell = grid.cell(k, s);
			html += cell ? fmt::format("<td class=\"{}\" title=\"{}\"><a href=\"{}\">{}</a></td>",
						   cell_verdict_name(cell->verdict),
						   markup_escape(cell->details.empty() ? "" : cell->details.front()),
						   markup_escape(cell_result_path(grid, *cell)), markup_escape(cell_short_text(*cell)))
				     : "<td>not run</td>";
		}
		html += "</tr>\n";
	}
	return html + "</table>\n";
}

std::string details(const MatrixGrid &grid)
{
	std::string html;
	for (const MatrixCell *not_passed : cells_not_passed(grid)) {
		const MatrixCell &cell = *not_passed;
		std::string lines;
		for (const std::string &line : cell.details)
			lines += markup_escape(line) + "\n";
		html += fmt::format("<li><b>{}</b> on {}: {} (exit {})<pre>{}</pre></li>\n",
				    markup_escape(grid.scenarios[cell.scenario].name),
				    markup_escape(grid.kernels[cell.kernel].label()), cell_verdict_name(cell.verdict),
				    to_int(cell.exit_code), lines);
	}
	return html.empty() ? html : "<h2>Cells that did not pass</h2>\n<ul id=\"details\">\n" + html + "</ul>\n";
}

}  // namespace

std::string grid_html(const MatrixGrid &grid)
{
	return fmt::format("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
			   "<title>kmemharness matrix</title><style>{}</style></head>\n<body>\n<h1>kmemharness matrix</h1>\n"
			   "<p id=\"headline\">{}</p>\n{}{}</body></html>\n",
			   style, markup_escape(grid_headline(grid)), table(grid), details(grid));
}

}  // namespace kmh

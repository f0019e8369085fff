// The output formats of a matrix: the terminal grid, KTAP, LAVA, grid.md, grid.html, junit.xml, matrix.json, kcidb.json.
#pragma once

#include "matrix/matrix_grid.h"
#include "report/output_format.h"

namespace kmh {

// Every file format is written into the matrix's output folder.
const OutputTable<MatrixGrid> &grid_output_formats();

}  // namespace kmh

// `kmemharness history` output: a terminal table of a metric per run and per kernel, and an HTML page with an SVG plot.
#pragma once

#include <string>

#include "index/metric_history.h"

namespace kmh {

// One row per run (time, machine, kernel, status, value), then one per kernel and machine
// (runs, mean, min, max), then the notes.
std::string history_table_text(const MetricHistory &history);

// A self-contained page: the value of each run against its start time, one colour per kernel,
// a line joining the runs of each kernel on each machine; then the per-run table.
std::string history_html(const MetricHistory &history);

}  // namespace kmh

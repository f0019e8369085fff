// A run as a KCIDB document (schema v5.3): its checkout, build and tests, and the pieces a matrix reuses.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "report/output_format.h"
#include "report/run_result.h"

namespace kmh {

// The KCIDB I/O schema version written (kcidb-io's kcidb_io/schema/v05_03.py).
inline constexpr int kcidb_major_version = 5;
inline constexpr int kcidb_minor_version = 3;

// "<origin>:<key>": an id KCIDB accepts.
std::string kcidb_id(const std::string &origin, const std::string &key);

// The checkout and the build of a kernel: we test released kernels, not a git checkout, so the
// checkout carries the release only; the build its architecture (uname -m) and, for a VM, its image.
nlohmann::json kcidb_checkout(const std::string &origin, const std::string &key, const RunResult &result);
nlohmann::json kcidb_build(const std::string &origin, const std::string &key, const RunResult &result);

// The tests of one run under `build_id`: one for the scenario (path kmemharness.<scenario>, the
// path-safe `scenario`), then one per assertion (kmemharness.<scenario>.<assertion>), ids
// "<build_id>/<path>". `result_json` is where the run's result.json lies ("" when unknown: no
// output_files then).
nlohmann::json kcidb_run_tests(const RunResult &result, const std::string &scenario, const std::string &origin,
			       const std::string &build_id, const std::string &result_json);

// A document of the given checkouts, builds and tests, as text.
std::string kcidb_document_text(const nlohmann::json &checkouts, const nlohmann::json &builds,
				const nlohmann::json &tests);

// kcidb.json of `run`: one checkout, one build, the run's tests; ids keyed by host and start time,
// prefixed by context.kcidb_origin; result.json in context.output_dir.
std::string kcidb_run_document(const RunResult &result, const RenderContext &context);

}  // namespace kmh

// The SQLite index of result.json files (results/index.sqlite): which scenario ran on which kernel and machine, when.
#pragma once

#include <string>
#include <vector>

#include "report/run_result.h"

namespace kmh {

inline const char *const default_index_path = "results/index.sqlite";

// What the index keeps of one result.json. A run is identified by `digest`, the SHA-256 of the
// file's bytes: a copy of a run found in another folder is the same run.
struct IndexEntry {
	std::string path;  // absolute, normalised
	std::string digest;
	std::string machine;  // the host that ran it (vm.host for VM runs, else system.hostname)
	std::string scenario;
	std::string kernel_release;
	std::string started_at;
	std::string status;
};

// Empty fields select any value.
struct IndexQuery {
	std::string scenario;
	std::string kernel_release;
	std::string since;  // ISO 8601 date or time; runs started at or after it
	std::string machine;
};

// The machine a result names: the host that booted the guest for VM runs, else its hostname.
std::string result_machine(const RunResult &result);

// The entry of the result.json at `path` whose bytes are `text` and which reads back as `result`.
IndexEntry index_entry(const std::string &path, const std::string &text, const RunResult &result);

// Whether record_entries() added an entry, or found the same run indexed already.
struct RecordOutcome {
	bool added = false;
	std::string indexed_path;  // when not added: where the index has that run
};

// Records the entries in one transaction: all of them or, when SQLite fails, none (the index
// stays as it was). An entry whose digest is indexed already is not added again; one whose path
// is indexed with other contents replaces it. Creates the database and its folder when missing,
// and adds the machine and digest columns to an index written before they existed. Throws
// kmh::Error (run_failed) naming the database when SQLite fails.
std::vector<RecordOutcome> record_entries(const std::vector<IndexEntry> &entries,
					  const std::string &index_path = default_index_path);

// Records (or re-records) the result.json a run just wrote, reading its bytes for the digest.
void index_result(const std::string &result_path, const RunResult &result,
		  const std::string &index_path = default_index_path);

// index_result(), but a failure only prints a warning: the index helps find runs later and must
// not change a run's outcome.
void index_result_or_warn(const std::string &result_path, const RunResult &result);

// The indexed runs the query selects, oldest first. Throws kmh::Error (invalid_input) when the
// database does not exist, naming it.
std::vector<IndexEntry> find_indexed_entries(const IndexQuery &query, const std::string &index_path = default_index_path);

// The paths of find_indexed_entries().
std::vector<std::string> find_indexed_results(const IndexQuery &query, const std::string &index_path = default_index_path);

}  // namespace kmh

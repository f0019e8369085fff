// SQLite access for the result index: one table, prepared statements, one transaction per batch, errors naming the file.
#include "compare/result_index.h"

#include <sqlite3.h>

#include <filesystem>
#include <memory>

#include <fmt/format.h>

#include "common/error.h"
#include "report/result_json.h"
#include "system/file_io.h"
#include "system/sha256.h"

namespace kmh {

namespace {

namespace fs = std::filesystem;

const char *const schema_sql = "CREATE TABLE IF NOT EXISTS runs ("
			       " path TEXT PRIMARY KEY,"
			       " scenario TEXT NOT NULL,"
			       " kernel_release TEXT NOT NULL,"
			       " started_at TEXT NOT NULL,"
			       " status TEXT NOT NULL,"
			       " machine TEXT NOT NULL DEFAULT '',"
			       " digest TEXT)";

// Columns added after the first index was written, for databases that lack them.
const char *const added_columns[][2] = {
	{"machine", "ALTER TABLE runs ADD COLUMN machine TEXT NOT NULL DEFAULT ''"},
	{"digest", "ALTER TABLE runs ADD COLUMN digest TEXT"},
};

const char *const digest_index_sql = "CREATE UNIQUE INDEX IF NOT EXISTS runs_by_digest ON runs (digest)";

const char *const find_digest_sql = "SELECT path FROM runs WHERE digest = ?1";

const char *const insert_sql = "INSERT OR REPLACE INTO runs"
			       " (path, digest, machine, scenario, kernel_release, started_at, status)"
			       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

const char *const select_sql = "SELECT path, IFNULL(digest, ''), machine, scenario, kernel_release, started_at, status"
			       " FROM runs WHERE (?1 = '' OR scenario = ?1) AND (?2 = '' OR kernel_release = ?2)"
			       " AND started_at >= ?3 AND (?4 = '' OR machine = ?4) ORDER BY started_at, path";

using Database = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;
using Statement = std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)>;

Error database_error(sqlite3 *db, const std::string &path, const char *doing)
{
	return run_error(fmt::format("{}: cannot {}: {}", path, doing, db ? sqlite3_errmsg(db) : "out of memory"));
}

Database open_database(const std::string &path, int flags)
{
	sqlite3 *raw = nullptr;
	int status = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
	Database db(raw, sqlite3_close);
	if (status != SQLITE_OK)
		throw database_error(raw, path, "open the result index");
	sqlite3_busy_timeout(raw, 5000);
	return db;
}

void execute(sqlite3 *db, const std::string &path, const char *sql, const char *doing)
{
	if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
		throw database_error(db, path, doing);
}

Statement prepare(sqlite3 *db, const std::string &path, const char *sql)
{
	sqlite3_stmt *raw = nullptr;
	if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK)
		throw database_error(db, path, "prepare a query on the result index");
	return Statement(raw, sqlite3_finalize);
}

void bind_texts(sqlite3_stmt *statement, const std::vector<std::string> &texts)
{
	sqlite3_reset(statement);
	for (std::size_t i = 0; i < texts.size(); i++)
		sqlite3_bind_text(statement, static_cast<int>(i + 1), texts[i].c_str(), -1, SQLITE_TRANSIENT);
}

std::string column_text(sqlite3_stmt *statement, int column)
{
	const unsigned char *text = sqlite3_column_text(statement, column);
	return text ? reinterpret_cast<const char *>(text) : "";
}

bool has_column(sqlite3 *db, const std::string &path, const char *column)
{
	Statement info = prepare(db, path, "PRAGMA table_info(runs)");
	while (sqlite3_step(info.get()) == SQLITE_ROW)
		if (column_text(info.get(), 1) == column)
			return true;
	return false;
}

void create_schema(sqlite3 *db, const std::string &path)
{
	execute(db, path, schema_sql, "create the runs table");
	for (const auto &[column, sql] : added_columns)
		if (!has_column(db, path, column))
			execute(db, path, sql, "add a column to the runs table");
	execute(db, path, digest_index_sql, "index the runs by digest");
}

RecordOutcome record_entry(sqlite3 *db, const std::string &path, sqlite3_stmt *find, sqlite3_stmt *insert,
			   const IndexEntry &entry)
{
	bind_texts(find, {entry.digest});
	int status = sqlite3_step(find);
	if (status == SQLITE_ROW)
		return {false, column_text(find, 0)};
	if (status != SQLITE_DONE)
		throw database_error(db, path, "look a run up");
	bind_texts(insert, {entry.path, entry.digest, entry.machine, entry.scenario, entry.kernel_release,
			    entry.started_at, entry.status});
	if (sqlite3_step(insert) != SQLITE_DONE)
		throw database_error(db, path, "record a run");
	return {true, entry.path};
}

std::vector<RecordOutcome> record_in_transaction(sqlite3 *db, const std::string &path,
						 const std::vector<IndexEntry> &entries)
{
	create_schema(db, path);
	Statement find = prepare(db, path, find_digest_sql);
	Statement insert = prepare(db, path, insert_sql);
	std::vector<RecordOutcome> outcomes;
	for (const IndexEntry &entry : entries)
		outcomes.push_back(record_entry(db, path, find.get(), insert.get(), entry));
	return outcomes;
}

}  // namespace

std::string result_machine(const RunResult &result)
{
	if (result.vm && !result.vm->host.empty())
		return result.vm->host;
	return result.system.hostname;
}

IndexEntry index_entry(const std::string &path, const std::string &text, const RunResult &result)
{
	return {fs::absolute(path).lexically_normal().string(), sha256_hex(text), result_machine(result),
		result.scenario.name, result.system.kernel_release, result.started_at, result.status};
}

std::vector<RecordOutcome> record_entries(const std::vector<IndexEntry> &entries, const std::string &index_path)
{
	fs::path folder = fs::path(index_path).parent_path();
	if (!folder.empty())
		fs::create_directories(folder);
	Database db = open_database(index_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
	execute(db.get(), index_path, "BEGIN IMMEDIATE", "start a transaction on the result index");
	try {
		std::vector<RecordOutcome> outcomes = record_in_transaction(db.get(), index_path, entries);
		execute(db.get(), index_path, "COMMIT", "commit to the result index");
		return outcomes;
	} catch (...) {
		sqlite3_exec(db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
		throw;
	}
}

// The bytes run wrote; the same rendering when the file is not there to read.
void index_result(const std::string &result_path, const RunResult &result, const std::string &index_path)
{
	std::string text = read_text_file(result_path).value_or(result_json_text(result));
	record_entries({index_entry(result_path, text, result)}, index_path);
}

std::vector<IndexEntry> find_indexed_entries(const IndexQuery &query, const std::string &index_path)
{
	if (!fs::exists(index_path))
		throw invalid_input(fmt::format("{}: no result index (runs are indexed as they finish, or with `index add`)",
						index_path));
	Database db = open_database(index_path, SQLITE_OPEN_READWRITE);
	create_schema(db.get(), index_path);
	Statement select = prepare(db.get(), index_path, select_sql);
	bind_texts(select.get(), {query.scenario, query.kernel_release, query.since, query.machine});
	std::vector<IndexEntry> entries;
	int status;
	while ((status = sqlite3_step(select.get())) == SQLITE_ROW) {
		sqlite3_stmt *row = select.get();
		entries.push_back({column_text(row, 0), column_text(row, 1), column_text(row, 2), column_text(row, 3),
				   column_text(row, 4), column_text(row, 5), column_text(row, 6)});
	}
	if (status != SQLITE_DONE)
		throw database_error(db.get(), index_path, "read the result index");
	return entries;
}

std::vector<std::string> find_indexed_results(const IndexQuery &query, const std::string &index_path)
{
	std::vector<std::string> paths;
	for (const IndexEntry &entry : find_indexed_entries(query, index_path))
		paths.push_back(entry.path);
	return paths;
}

void index_result_or_warn(const std::string &result_path, const RunResult &result)
{
	try {
		index_result(result_path, result);
	} catch (const Error &error) {
		fmt::print(stderr, "kmemharness: warning: {}\n", error.what());
	}
}

}  // namespace kmh

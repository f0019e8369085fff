// SQLite access for the result index: one table, prepared statements, errors naming the file.
#include "compare/result_index.h"

#include <sqlite3.h>

#include <filesystem>
#include <memory>

#include <fmt/format.h>

#include "common/error.h"

namespace kmh {

namespace {

namespace fs = std::filesystem;

const char *const schema_sql = "CREATE TABLE IF NOT EXISTS runs ("
			       " path TEXT PRIMARY KEY,"
			       " scenario TEXT NOT NULL,"
			       " kernel_release TEXT NOT NULL,"
			       " started_at TEXT NOT NULL,"
			       " status TEXT NOT NULL)";

const char *const insert_sql = "INSERT OR REPLACE INTO runs (path, scenario, kernel_release, started_at, status)"
			       " VALUES (?1, ?2, ?3, ?4, ?5)";

const char *const select_sql = "SELECT path FROM runs WHERE scenario = ?1 AND kernel_release = ?2"
			       " AND started_at >= ?3 ORDER BY started_at, path";

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

Statement prepare(sqlite3 *db, const std::string &path, const char *sql)
{
	sqlite3_stmt *raw = nullptr;
	if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK)
		throw database_error(db, path, "prepare a query on the result index");
	return Statement(raw, sqlite3_finalize);
}

void bind_texts(sqlite3_stmt *statement, const std::vector<std::string> &texts)
{
	for (std::size_t i = 0; i < texts.size(); i++)
		sqlite3_bind_text(statement, static_cast<int>(i + 1), texts[i].c_str(), -1, SQLITE_TRANSIENT);
}

}  // namespace

void index_result(const std::string &result_path, const RunResult &result, const std::string &index_path)
{
	fs::path folder = fs::path(index_path).parent_path();
	if (!folder.empty())
		fs::create_directories(folder);
	Database db = open_database(index_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
	if (sqlite3_exec(db.get(), schema_sql, nullptr, nullptr, nullptr) != SQLITE_OK)
		throw database_error(db.get(), index_path, "create the runs table");
	Statement insert = prepare(db.get(), index_path, insert_sql);
	bind_texts(insert.get(), {fs::absolute(result_path).lexically_normal().string(), result.scenario.name,
				  result.system.kernel_release, result.started_at, result.status});
	if (sqlite3_step(insert.get()) != SQLITE_DONE)
		throw database_error(db.get(), index_path, "record a run");
}

std::vector<std::string> find_indexed_results(const IndexQuery &query, const std::string &index_path)
{
	if (!fs::exists(index_path))
		throw invalid_input(fmt::format("{}: no result index (runs are indexed as they finish)", index_path));
	Database db = open_database(index_path, SQLITE_OPEN_READONLY);
	Statement select = prepare(db.get(), index_path, select_sql);
	bind_texts(select.get(), {query.scenario, query.kernel_release, query.since});
	std::vector<std::string> paths;
	int status;
	while ((status = sqlite3_step(select.get())) == SQLITE_ROW)
		paths.push_back(reinterpret_cast<const char *>(sqlite3_column_text(select.get(), 0)));
	if (status != SQLITE_DONE)
		throw database_error(db.get(), index_path, "read the result index");
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

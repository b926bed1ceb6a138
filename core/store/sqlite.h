#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace agro::store {

class PgSession;
class PgStatement;

/// A prepared statement. Thin RAII over sqlite3_stmt with typed binds and reads, so bulk
/// paths avoid QVariant; entity paths may still bind and read QVariant. On a PostgreSQL
/// connection (the server's optional store) the same calls go to a PgStatement.
class Statement {
public:
    Statement();
    Statement(sqlite3 *db, sqlite3_stmt *stmt);
    explicit Statement(std::unique_ptr<PgStatement> pg);
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    ~Statement();

    bool isValid() const { return m_stmt != nullptr || m_pg != nullptr; }

    // Binds use 1-based parameter indexes, as SQLite does.
    void bindNull(int i);
    void bind(int i, std::int64_t v);
    void bind(int i, int v) { bind(i, static_cast<std::int64_t>(v)); }
    void bind(int i, long long v) { bind(i, static_cast<std::int64_t>(v)); } // qint64
    void bind(int i, double v);
    void bind(int i, const QString &v);
    void bindUtf8(int i, std::string_view v); ///< copies v (SQLITE_TRANSIENT)
    void bind(int i, const QVariant &v);
    /// A value for a column declared without a type (the change log's values): SQLite keeps
    /// its type as it is; PostgreSQL stores it tagged (pgdialect.h). Read it with dynamic().
    void bindDynamic(int i, const QVariant &v);

    /// Steps once. true when a row is available; false when done. Errors go to `error`.
    Result<bool> step();
    /// Steps until done (for INSERT/UPDATE/DELETE).
    Result<void> run();
    /// Steps through every row of a query, calling `onRow()` while the row is current (read
    /// it through this Statement).
    template<class F> Result<void> forEachRow(F &&onRow) {
        for (;;) {
            auto row = step();
            if (!row.ok())
                return row.error();
            if (!row.value())
                return {};
            onRow();
        }
    }
    void reset();

    // Column reads use 0-based indexes.
    int columnCount() const;
    bool isNull(int c) const;
    std::int64_t int64(int c) const;
    double real(int c) const;
    QString text(int c) const;
    /// A BLOB column's bytes (copied); empty for NULL.
    QByteArray blob(int c) const;
    QVariant variant(int c) const;
    /// A column written with bindDynamic, with the type it was bound with.
    QVariant dynamic(int c) const;
    std::string_view utf8(int c) const;

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    std::unique_ptr<PgStatement> m_pg;
};

/// A column of a table, as the schema declares it.
struct ColumnInfo {
    QString name;
    int primaryKeyPosition = 0; ///< 1-based place in the primary key; 0: not part of it
};

/// One connection to a workspace file. Owned by one thread at a time; every operation
/// opens its own (WAL lets readers and one writer work at once). The server may instead keep
/// its replica in PostgreSQL (openPostgres): statements are then translated from SQLite's
/// dialect (pgdialect.h), and only what the server runs is supported there.
class Connection {
public:
    enum class Mode { OpenExisting, CreateIfMissing };

    Connection();
    Connection(Connection &&other) noexcept;
    Connection &operator=(Connection &&other) noexcept;
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;
    ~Connection();

    /// Opens the file with the workspace pragmas: WAL, foreign_keys=ON, synchronous=FULL,
    /// busy_timeout 10 s.
    static Result<Connection> open(const QString &path, Mode mode = Mode::OpenExisting);
    /// A session on a PostgreSQL database (postgresql://…), from this thread's pool.
    static Result<Connection> openPostgres(const QString &url);

    /// The SQLite handle; nullptr on PostgreSQL.
    sqlite3 *handle() const { return m_db; }
    bool isPostgres() const { return m_pg != nullptr; }
    /// The file, or the PostgreSQL address without its password.
    const QString &path() const { return m_path; }

    Result<void> exec(std::string_view sql);
    Result<Statement> prepare(std::string_view sql);
    /// First column of the first row, or a null QVariant when there is no row.
    Result<QVariant> scalar(std::string_view sql);
    std::int64_t changes() const;
    Error lastError(ErrorCode code = ErrorCode::Database) const;

    /// The table's columns in declaration order (empty: no such table).
    Result<std::vector<ColumnInfo>> columns(const QString &table);
    /// The names of the tables, sorted.
    Result<QStringList> tables();

private:
    sqlite3 *m_db = nullptr;
    QString m_path;
    std::unique_ptr<PgSession> m_pg;
};

/// BEGIN IMMEDIATE … COMMIT, rolled back by the destructor unless committed. On PostgreSQL,
/// BEGIN and a transaction-wide advisory lock: writers take turns as on SQLite, so change-log
/// sequence numbers commit in order and a pull never skips one still being written.
class Transaction {
public:
    static Result<Transaction> begin(Connection &db);
    Transaction(Transaction &&other) noexcept;
    Transaction &operator=(Transaction &&) = delete;
    Transaction(const Transaction &) = delete;
    ~Transaction();
    Result<void> commit();

private:
    explicit Transaction(Connection *db)
        : m_db(db) {}
    Connection *m_db = nullptr;
};

/// Runs a write that may be refused (a constraint) without ending the transaction around it:
/// a failed statement fails alone on SQLite, but aborts a whole PostgreSQL transaction unless
/// it ran inside a savepoint.
Result<void> runAlone(Connection &db, Statement &st);

} // namespace agro::store

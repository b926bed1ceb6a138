#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>
#include <QVariant>

#include <cstdint>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace agro::store {

/// A prepared statement. Thin RAII over sqlite3_stmt with typed binds and reads, so bulk
/// paths avoid QVariant; entity paths may still bind and read QVariant.
class Statement {
public:
    Statement() = default;
    Statement(sqlite3 *db, sqlite3_stmt *stmt)
        : m_db(db)
        , m_stmt(stmt) {}
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    ~Statement();

    bool isValid() const { return m_stmt != nullptr; }

    // Binds use 1-based parameter indexes, as SQLite does.
    void bindNull(int i);
    void bind(int i, std::int64_t v);
    void bind(int i, int v) { bind(i, static_cast<std::int64_t>(v)); }
    void bind(int i, long long v) { bind(i, static_cast<std::int64_t>(v)); } // qint64
    void bind(int i, double v);
    void bind(int i, const QString &v);
    void bindUtf8(int i, std::string_view v); ///< copies v (SQLITE_TRANSIENT)
    void bind(int i, const QVariant &v);

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
    std::string_view utf8(int c) const;

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
};

/// One connection to a workspace file. Owned by one thread at a time; every operation
/// opens its own (WAL lets readers and one writer work at once).
class Connection {
public:
    enum class Mode { OpenExisting, CreateIfMissing };

    Connection() = default;
    Connection(Connection &&other) noexcept;
    Connection &operator=(Connection &&other) noexcept;
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;
    ~Connection();

    /// Opens the file with the workspace pragmas: WAL, foreign_keys=ON, synchronous=FULL,
    /// busy_timeout 10 s.
    static Result<Connection> open(const QString &path, Mode mode = Mode::OpenExisting);

    sqlite3 *handle() const { return m_db; }
    const QString &path() const { return m_path; }

    Result<void> exec(std::string_view sql);
    Result<Statement> prepare(std::string_view sql);
    /// First column of the first row, or a null QVariant when there is no row.
    Result<QVariant> scalar(std::string_view sql);
    std::int64_t changes() const;
    Error lastError(ErrorCode code = ErrorCode::Database) const;

private:
    sqlite3 *m_db = nullptr;
    QString m_path;
};

/// BEGIN IMMEDIATE … COMMIT, rolled back by the destructor unless committed.
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

} // namespace agro::store

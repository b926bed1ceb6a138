#pragma once

#include "common/result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace agro::store {

/// One PostgreSQL session through QPSQL, for the server's store (`--database
/// postgresql://…`). Sessions are kept per thread and per address, and reused: a server
/// request opens its "connection" as cheaply as a SQLite file.
class PgSession {
public:
    /// postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?OPTION=VALUE&…]; options are libpq's
    /// (sslmode, connect_timeout, …).
    static Result<std::unique_ptr<PgSession>> open(const QString &url);
    ~PgSession();
    PgSession(const PgSession &) = delete;
    PgSession &operator=(const PgSession &) = delete;

    QSqlDatabase &database() { return m_db; }
    const QString &url() const { return m_url; }
    std::int64_t changes() const { return m_changes; }
    void setChanges(std::int64_t n) { m_changes = n; }

    /// Runs a script (several statements) as it is: no translation.
    Result<void> execRaw(const QString &sql);
    /// Notes a failure; a lost connection is not given back to the pool (the next request
    /// opens a new one, so a restarted PostgreSQL is picked up again).
    Error failed(const class QSqlError &e, std::string_view sql);
    bool broken() const { return m_broken; }

private:
    PgSession() = default;
    QSqlDatabase m_db;
    QString m_name;
    QString m_url;
    std::int64_t m_changes = 0;
    bool m_broken = false;
};

/// A prepared statement on a PgSession with SQLite's binding model: 1-based parameters
/// that keep their value until reset, NULL when never bound.
class PgStatement {
public:
    PgStatement(PgSession &session, std::string sql, int params);

    Result<void> prepare();
    void bind(int i, QVariant v);
    Result<bool> step();
    Result<void> run();
    void reset();

    int columnCount();
    bool isNull(int c) const;
    QVariant value(int c) const;
    std::string_view utf8(int c) const;

private:
    Result<void> execute();

    PgSession *m_session;
    std::string m_sql;
    QSqlQuery m_query;
    std::vector<QVariant> m_params;
    bool m_executed = false;
    mutable std::vector<std::string> m_utf8;
};

/// Closes this thread's idle sessions (before a database they use is dropped).
void closeIdlePostgresSessions();

Error pgError(const class QSqlError &e, std::string_view sql = {});

} // namespace agro::store

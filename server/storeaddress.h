#pragma once

#include "common/result.h"
#include "store/sqlite.h"

#include <QString>

namespace agro::server {

/// Where the server keeps its replica and its accounts: a SQLite workspace file
/// (`sqlite:PATH`, the default) or a PostgreSQL database (`postgresql://…`, for production).
/// Both hold the same schema, from the same migrations (docs/sync.md, "Server storage").
struct StoreAddress {
    bool postgres = false;
    QString location; ///< the file path, or the postgresql:// address

    /// `sqlite:PATH` or `postgresql://USER[:PASSWORD]@HOST[:PORT]/DB[?OPTIONS]`.
    static Result<StoreAddress> parse(const QString &spec);
    static StoreAddress sqlite(const QString &path) { return {false, path}; }
    /// For logs: the address without its password.
    QString display() const;
    /// The directory for files kept next to the store (a development certificate).
    QString localDirectory() const;
};

/// Creates or upgrades the store: the workspace schema, its identity, the server's tables.
Result<void> prepareStore(const StoreAddress &address);
/// A connection for one request (PostgreSQL sessions come from the thread's pool).
Result<store::Connection> connectStore(const StoreAddress &address);

} // namespace agro::server

#pragma once

#include "sqlite.h"

#include <QString>

#include <cstdint>
#include <functional>

namespace agro::store {

/// What the app and services need to know about an open workspace file.
struct WorkspaceInfo {
    QString path;
    QString workspaceId; ///< UUID chosen when the file was created
    QString nodeId;      ///< this replica's id in the change log (16 hex digits)
    QString demoPreset;  ///< "small"/"large" for generated demo data, empty for real data
    int schemaVersion = 0;
};

/// Creating, opening and connecting to workspace files (`*.agrodesk`).
class Workspace {
public:
    /// Creates a new, empty workspace. Fails if the file exists. `seed` makes the workspace
    /// and node ids deterministic (demo generator); 0 draws them from the system RNG.
    static Result<WorkspaceInfo> create(const QString &path, std::uint64_t seed = 0);
    /// Opens an existing workspace and upgrades its schema to this build's.
    static Result<WorkspaceInfo> open(const QString &path);
    /// A new connection for one operation on an already opened (migrated) workspace.
    static Result<Connection> connect(const QString &path);
    /// Gives a freshly migrated store its workspace id, node id and clock (create() does this;
    /// so does the server for a PostgreSQL store).
    static Result<void> seedIdentity(Connection &db, std::uint64_t seed = 0);
    /// Reads the identity and labels from an open connection.
    static Result<WorkspaceInfo> info(Connection &db);

    static Result<QString> meta(Connection &db, const QString &key);
    static Result<void> setMeta(Connection &db, const QString &key, const QString &value);
};

} // namespace agro::store

#pragma once

#include "change.h"
#include "common/result.h"
#include "store/sqlite.h"

namespace agro::sync {

/// The local changes not yet acknowledged by the server: change_log entries written on this
/// node after the last acknowledged sequence number (workspace_meta "sync_pushed_seq"), in
/// the synced tables. Reading them changes nothing; markPushed() moves the mark once the
/// server has acknowledged a batch, so a crash in between only replays the batch, which the
/// server recognises by its id.
class Outbox {
public:
    explicit Outbox(store::Connection &db)
        : m_db(&db) {}

    /// Up to `limit` pending changes in sequence order (seq set to the local sequence), a few
    /// more where that ends the page between two writes (continuesWrite).
    Result<Changes> pending(int limit);
    Result<std::int64_t> pendingCount();
    /// Pending row deletions per farm ("" for shared rows), for the mass-delete guard.
    Result<std::map<QString, int>> pendingDeletesByFarm();
    Result<void> markPushed(std::int64_t seq);

private:
    Result<QString> node();
    Result<std::int64_t> mark();
    store::Connection *m_db;
};

/// Workspace-meta keys of the sync state.
namespace meta {
inline QString pushedSeq() {
    return QStringLiteral("sync_pushed_seq");
}
inline QString pullCursor() {
    return QStringLiteral("sync_cursor");
}
inline QString server() {
    return QStringLiteral("sync_server");
}
inline QString account() {
    return QStringLiteral("sync_user");
}
inline QString lastSync() {
    return QStringLiteral("sync_last");
}
/// The certificate file this workspace trusts for its server (pinning), if any.
inline QString caFile() {
    return QStringLiteral("sync_ca");
}
/// The farm ids the last pull covered, sorted, comma-separated.
inline QString farms() {
    return QStringLiteral("sync_farms");
}
} // namespace meta

} // namespace agro::sync

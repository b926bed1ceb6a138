#include "workspace.h"

#include "filesystemcheck.h"
#include "migrations.h"
#include "sync/hlc.h"
#include "sync/uuid7.h"

#include <QFileInfo>
#include <QRandomGenerator>

namespace agro::store {

Result<WorkspaceInfo> Workspace::create(const QString &path, std::uint64_t seed) {
    if (QFileInfo::exists(path)) {
        Error e = Error::make(ErrorCode::Io, QStringLiteral("file already exists"));
        e.file = path;
        return e;
    }
    AGRO_TRY(checkWorkspaceLocation(path));
    auto db = Connection::open(path, Connection::Mode::CreateIfMissing);
    if (!db.ok())
        return db.error();
    AGRO_TRY(migrate(db.value()));
    AGRO_TRY(seedIdentity(db.value(), seed));
    return info(db.value());
}

Result<void> Workspace::seedIdentity(Connection &db, std::uint64_t seed) {
    const std::uint64_t s = seed ? seed : QRandomGenerator::system()->generate64();
    analytics::Rng rng(s);
    // With a seed the id's clock is fixed too, so that two demo files are byte-comparable.
    sync::Uuid7Generator ids(seed ? sync::Uuid7Generator::WallClock([] { return 0; })
                                  : sync::Uuid7Generator::WallClock(&sync::HlcClock::systemMs),
                             rng.next());
    const QString nodeId = QStringLiteral("%1").arg(rng.next(), 16, 16, QLatin1Char('0'));
    auto tx = Transaction::begin(db);
    if (!tx.ok())
        return tx.error();
    AGRO_TRY(setMeta(db, QStringLiteral("workspace_id"), ids.next()));
    AGRO_TRY(setMeta(db, QStringLiteral("node_id"), nodeId));
    AGRO_TRY(setMeta(db, QStringLiteral("hlc"), QStringLiteral("0")));
    return tx->commit();
}

Result<WorkspaceInfo> Workspace::open(const QString &path) {
    AGRO_TRY(checkWorkspaceLocation(path));
    auto db = Connection::open(path, Connection::Mode::OpenExisting);
    if (!db.ok())
        return db.error();
    // Only create() starts a schema: an empty file (version 0) is not a workspace, and
    // migrating it would write a schema into whatever the file was meant to be.
    auto v = schemaVersion(db.value());
    if (!v.ok())
        return v.error();
    if (v.value() == 0) {
        Error e = Error::make(ErrorCode::NotAWorkspace, QStringLiteral("no AgroDesk schema"));
        e.file = path;
        return e;
    }
    AGRO_TRY(migrate(db.value()));
    return info(db.value());
}

Result<Connection> Workspace::connect(const QString &path) {
    auto db = Connection::open(path, Connection::Mode::OpenExisting);
    if (!db.ok())
        return db.error();
    auto v = schemaVersion(db.value());
    if (!v.ok())
        return v.error();
    if (v.value() != latestSchemaVersion()) {
        // Only open() migrates; an operation on an unmigrated file is a programming error or a
        // file swapped under us.
        Error e = Error::make(v.value() > latestSchemaVersion() ? ErrorCode::SchemaTooNew
                                                                : ErrorCode::NotAWorkspace,
                              QStringLiteral("schema version %1").arg(v.value()));
        e.file = path;
        return e;
    }
    return std::move(db).value();
}

Result<WorkspaceInfo> Workspace::info(Connection &db) {
    WorkspaceInfo w;
    w.path = db.path();
    auto v = schemaVersion(db);
    if (!v.ok())
        return v.error();
    w.schemaVersion = v.value();
    auto id = meta(db, QStringLiteral("workspace_id"));
    if (!id.ok())
        return id.error();
    w.workspaceId = id.value();
    auto node = meta(db, QStringLiteral("node_id"));
    if (!node.ok())
        return node.error();
    w.nodeId = node.value();
    auto demo = meta(db, QStringLiteral("demo_preset"));
    if (!demo.ok())
        return demo.error();
    w.demoPreset = demo.value();
    if (w.workspaceId.isEmpty() || w.nodeId.isEmpty()) {
        Error e = Error::make(ErrorCode::NotAWorkspace, QStringLiteral("missing workspace id"));
        e.file = db.path();
        return e;
    }
    return w;
}

Result<QString> Workspace::meta(Connection &db, const QString &key) {
    auto st = db.prepare("SELECT value FROM workspace_meta WHERE key = ?");
    if (!st.ok())
        return st.error();
    st->bind(1, key);
    auto row = st->step();
    if (!row.ok())
        return row.error();
    return row.value() ? st->text(0) : QString();
}

Result<void> Workspace::setMeta(Connection &db, const QString &key, const QString &value) {
    auto st = db.prepare("INSERT INTO workspace_meta (key, value) VALUES (?, ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (!st.ok())
        return st.error();
    st->bind(1, key);
    st->bind(2, value);
    return st->run();
}

} // namespace agro::store

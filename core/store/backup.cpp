#include "backup.h"

#include "migrations.h"
#include "workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>

#include <algorithm>

namespace agro::store {

namespace {

// The tables a preview counts: what a person recognises their data by.
constexpr const char *kCountedTables[] = {
    "farms",          "fields",      "plantings",         "cost_entries",    "harvests",
    "products",       "sales_daily", "sensors",           "sensor_readings", "lots",
    "qc_inspections", "alerts",      "restock_decisions", "users",           "audit_log"};

Error fileError(ErrorCode code, const QString &path, const QString &detail) {
    Error e = Error::make(code, detail);
    e.file = path;
    return e;
}

/// A raw connection owned for the length of one backup operation.
struct RawDb {
    sqlite3 *db = nullptr;
    RawDb() = default;
    RawDb(const RawDb &) = delete;
    RawDb &operator=(const RawDb &) = delete;
    ~RawDb() { sqlite3_close_v2(db); }
    QString message() const { return QString::fromUtf8(sqlite3_errmsg(db)); }
};

Result<void> openRaw(RawDb &raw, const QString &path, int flags) {
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &raw.db, flags, nullptr);
    if (rc != SQLITE_OK)
        return fileError(ErrorCode::Io, path,
                         raw.db ? raw.message() : QString::fromUtf8(sqlite3_errstr(rc)));
    sqlite3_busy_timeout(raw.db, 10000);
    return {};
}

/// Runs sqlite3_backup from `src` into `dst` in steps of `pagesPerStep`, reporting progress.
/// Busy and locked steps are retried: the source is live.
Result<void> copyPages(sqlite3 *dst, sqlite3 *src, const QString &path, Progress *progress) {
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
    if (!b)
        return fileError(ErrorCode::Database, path, QString::fromUtf8(sqlite3_errmsg(dst)));
    // Steps of 4 MiB (at the default page size) keep progress moving. A write by another
    // connection restarts the copy at the next step; after one restart the rest is copied in
    // a single step, which holds one read snapshot (WAL does not block writers meanwhile), so
    // a busy workspace cannot starve its backup.
    int pagesPerStep = 1024;
    int lastRemaining = -1;
    int rc = SQLITE_OK;
    do {
        rc = sqlite3_backup_step(b, pagesPerStep);
        const int remaining = sqlite3_backup_remaining(b);
        if (lastRemaining >= 0 && remaining > lastRemaining)
            pagesPerStep = -1;
        lastRemaining = remaining;
        if (progress) {
            const int total = sqlite3_backup_pagecount(b);
            progress->set(total - sqlite3_backup_remaining(b), total);
            if (progress->isCancelled()) {
                sqlite3_backup_finish(b);
                return Error::make(ErrorCode::Cancelled);
            }
        }
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            sqlite3_sleep(5);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    const int finish = sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE || finish != SQLITE_OK)
        return fileError(ErrorCode::Database, path, QString::fromUtf8(sqlite3_errmsg(dst)));
    return {};
}

Result<QString> textScalar(sqlite3 *db, const char *sql, const QString &path) {
    sqlite3_stmt *st = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK)
        return fileError(ErrorCode::NotAWorkspace, path, QString::fromUtf8(sqlite3_errmsg(db)));
    QString out;
    const int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        out = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return fileError(ErrorCode::Database, path, QString::fromUtf8(sqlite3_errmsg(db)));
    return out;
}

Result<void> checkIntegrity(sqlite3 *db, const QString &path) {
    auto r = textScalar(db, "PRAGMA integrity_check", path);
    if (!r.ok())
        return r.error();
    if (r.value() != QLatin1String("ok"))
        return fileError(ErrorCode::NotAWorkspace, path,
                         QStringLiteral("integrity check failed: ") + r.value());
    return {};
}

Result<BackupSummary> summarize(sqlite3 *db, const QString &path, bool verifyIntegrity) {
    if (verifyIntegrity)
        AGRO_TRY(checkIntegrity(db, path));
    BackupSummary s;
    s.path = path;
    s.bytes = QFileInfo(path).size();
    auto version = textScalar(db, "PRAGMA user_version", path);
    if (!version.ok())
        return version.error();
    s.schemaVersion = version->toInt();
    if (s.schemaVersion == 0)
        return fileError(ErrorCode::NotAWorkspace, path, QStringLiteral("no AgroDesk schema"));
    if (s.schemaVersion > latestSchemaVersion())
        return fileError(ErrorCode::SchemaTooNew, path,
                         QStringLiteral("schema version %1").arg(s.schemaVersion));
    auto meta = [&](const char *key) {
        const std::string sql =
            std::string("SELECT value FROM workspace_meta WHERE key = '") + key + "'";
        return textScalar(db, sql.c_str(), path);
    };
    auto id = meta("workspace_id");
    if (!id.ok())
        return id.error();
    s.workspaceId = id.value();
    if (s.workspaceId.isEmpty())
        return fileError(ErrorCode::NotAWorkspace, path, QStringLiteral("missing workspace id"));
    auto preset = meta("demo_preset");
    if (!preset.ok())
        return preset.error();
    s.demoPreset = preset.value();
    s.takenAt = QFileInfo(path).lastModified().toUTC();
    for (const char *table : kCountedTables) {
        const std::string sql = std::string("SELECT count(*) FROM ") + table;
        auto n = textScalar(db, sql.c_str(), path);
        // A backup of an older schema may not have every table yet.
        s.counts.push_back({QString::fromLatin1(table), n.ok() ? n->toLongLong() : 0});
    }
    auto last = textScalar(db, "SELECT max(at) FROM audit_log", path);
    if (last.ok())
        s.lastChange = last.value();
    return s;
}

} // namespace

Result<BackupSummary> Backup::take(const QString &workspace, const QString &outPath,
                                   Progress *progress) {
    // Opening through Workspace::connect proves the source is a workspace of this schema.
    auto source = Workspace::connect(workspace);
    if (!source.ok())
        return source.error();
    const QString temp = outPath + QStringLiteral(".partial");
    QFile::remove(temp);
    {
        RawDb dst;
        AGRO_TRY(openRaw(dst, temp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
        AGRO_TRY(copyPages(dst.db, source->handle(), temp, progress));
        // The copy is a standalone file (no WAL beside it) and an exact copy of the content.
        if (sqlite3_exec(dst.db, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr) !=
            SQLITE_OK)
            return fileError(ErrorCode::Io, temp, dst.message());
        if (auto ok = checkIntegrity(dst.db, temp); !ok.ok()) {
            QFile::remove(temp);
            return ok.error();
        }
    }
    QFile::remove(outPath);
    if (!QFile::rename(temp, outPath)) {
        QFile::remove(temp);
        return fileError(ErrorCode::Io, outPath, QStringLiteral("could not write the backup"));
    }
    return describe(outPath);
}

Result<BackupSummary> Backup::describe(const QString &backupPath, bool verifyIntegrity) {
    if (!QFileInfo(backupPath).isFile())
        return fileError(ErrorCode::Io, backupPath, QStringLiteral("no such file"));
    RawDb db;
    AGRO_TRY(openRaw(db, backupPath, SQLITE_OPEN_READONLY));
    return summarize(db.db, backupPath, verifyIntegrity);
}

Result<BackupSummary> Backup::restore(const QString &workspace, const QString &backupPath,
                                      const QString &safetyCopyPath) {
    auto summary = describe(backupPath);
    if (!summary.ok())
        return summary.error();
    if (!safetyCopyPath.isEmpty()) {
        auto safety = take(workspace, safetyCopyPath);
        if (!safety.ok())
            return safety.error();
    }
    {
        auto live = Connection::open(workspace, Connection::Mode::OpenExisting);
        if (!live.ok())
            return live.error();
        RawDb src;
        AGRO_TRY(openRaw(src, backupPath, SQLITE_OPEN_READONLY));
        AGRO_TRY(copyPages(live->handle(), src.db, workspace, nullptr));
    }
    // An older backup gets this build's schema, as opening it would.
    auto opened = Workspace::open(workspace);
    if (!opened.ok())
        return opened.error();
    return summary;
}

QString BackupRotation::defaultFolder(const QString &workspace) {
    const QFileInfo fi(workspace);
    return fi.absoluteDir().filePath(fi.completeBaseName() + QStringLiteral("-backups"));
}

std::vector<QString> BackupRotation::list(const QString &workspace, const QString &folder) {
    const QString prefix = QFileInfo(workspace).completeBaseName() + QLatin1Char('-');
    const QStringList names =
        QDir(folder).entryList({prefix + QLatin1Char('*') + fileSuffix()}, QDir::Files, QDir::Name);
    std::vector<QString> out;
    for (const QString &n : names)
        out.push_back(QDir(folder).filePath(n));
    return out; // the UTC time in the name sorts oldest first
}

Result<BackupSummary> BackupRotation::takeAndRotate(const QString &workspace, const QString &folder,
                                                    int keep, const QDateTime &now) {
    if (keep < 1)
        return Error::make(ErrorCode::InvalidArgument, QStringLiteral("keep must be at least 1"));
    if (!QDir().mkpath(folder))
        return fileError(ErrorCode::Io, folder, QStringLiteral("could not create the folder"));
    const QString name = QFileInfo(workspace).completeBaseName() + QLatin1Char('-') +
                         now.toUTC().toString(QStringLiteral("yyyyMMdd-HHmmsszzz")) + fileSuffix();
    auto taken = Backup::take(workspace, QDir(folder).filePath(name));
    if (!taken.ok())
        return taken.error();
    std::vector<QString> all = list(workspace, folder);
    for (size_t i = 0; i + keep < all.size(); ++i)
        QFile::remove(all[i]);
    return taken;
}

} // namespace agro::store

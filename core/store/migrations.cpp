#include "migrations.h"

#include "pgdialect.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QRegularExpression>

Q_LOGGING_CATEGORY(lcMigrations, "agrodesk.store.migrations", QtWarningMsg)

namespace agro::store {

namespace {
std::vector<Migration> loadMigrations() {
    std::vector<Migration> out;
    const QDir dir(QStringLiteral(":/agrodesk/migrations"));
    static const QRegularExpression re(QStringLiteral("^(\\d{4})_([a-z0-9_]+)\\.sql$"));
    const QStringList files = dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString &f : files) {
        const auto m = re.match(f);
        if (!m.hasMatch())
            qFatal("migration file with a bad name: %s", qPrintable(f));
        QFile file(dir.filePath(f));
        if (!file.open(QIODevice::ReadOnly))
            qFatal("cannot read migration %s", qPrintable(f));
        out.push_back({m.captured(1).toInt(), m.captured(2), file.readAll()});
    }
    for (size_t i = 0; i < out.size(); ++i)
        if (out[i].version != static_cast<int>(i) + 1)
            qFatal("migrations must be numbered 1..N without gaps");
    return out;
}
} // namespace

const std::vector<Migration> &migrations() {
    static const std::vector<Migration> all = loadMigrations();
    return all;
}

int latestSchemaVersion() {
    return static_cast<int>(migrations().size());
}

namespace {
/// PostgreSQL has no user_version: the version lives in a one-column table.
Result<void> preparePostgresVersion(Connection &db) {
    return db.exec("CREATE TABLE IF NOT EXISTS agrodesk_schema (version BIGINT NOT NULL)");
}

Result<void> migratePostgres(Connection &db, int target) {
    auto tx = Transaction::begin(db); // the advisory lock: one migrating server at a time
    if (!tx.ok())
        return tx.error();
    AGRO_TRY(preparePostgresVersion(db));
    auto current = schemaVersion(db);
    if (!current.ok())
        return current.error();
    if (current.value() > latestSchemaVersion()) {
        Error e = Error::make(
            ErrorCode::SchemaTooNew,
            QStringLiteral("schema %1 > %2").arg(current.value()).arg(latestSchemaVersion()));
        e.file = db.path();
        return e;
    }
    AGRO_TRY(db.exec(pg::prelude().toStdString()));
    for (const Migration &m : migrations()) {
        if (m.version <= current.value() || m.version > target)
            continue;
        qCInfo(lcMigrations) << "applying migration" << m.version << m.name << "to" << db.path();
        const QString sql = pg::translateMigration(QString::fromUtf8(m.sql));
        if (auto r = db.exec(sql.toStdString()); !r.ok()) {
            Error e = r.error();
            e.detail = QStringLiteral("migration %1 (%2): %3").arg(m.version).arg(m.name, e.detail);
            return e;
        }
        AGRO_TRY(db.exec("DELETE FROM agrodesk_schema"));
        AGRO_TRY(db.exec("INSERT INTO agrodesk_schema (version) VALUES (" +
                         std::to_string(m.version) + ")"));
    }
    return tx->commit();
}
} // namespace

Result<int> schemaVersion(Connection &db) {
    if (db.isPostgres()) {
        auto exists = db.scalar("SELECT count(*) FROM information_schema.tables WHERE "
                                "table_schema = current_schema() AND table_name = "
                                "'agrodesk_schema'");
        if (!exists.ok())
            return exists.error();
        if (exists->toInt() == 0)
            return 0;
        auto v = db.scalar("SELECT coalesce(max(version), 0) FROM agrodesk_schema");
        if (!v.ok())
            return v.error();
        return v->toInt();
    }
    auto v = db.scalar("PRAGMA user_version");
    if (!v.ok())
        return v.error();
    return v->toInt();
}

Result<void> migrate(Connection &db, int target) {
    if (target < 0)
        target = latestSchemaVersion();
    if (db.isPostgres())
        return migratePostgres(db, target);
    auto appId = db.scalar("PRAGMA application_id");
    if (!appId.ok())
        return appId.error();
    auto current = schemaVersion(db);
    if (!current.ok())
        return current.error();
    const int version = current.value();
    if (appId->toInt() != kApplicationId) {
        // A brand-new file is empty (version 0, no tables): claim it. Anything else is not ours.
        auto tables = db.scalar("SELECT count(*) FROM sqlite_schema");
        if (!tables.ok())
            return tables.error();
        if (version != 0 || appId->toInt() != 0 || tables->toInt() != 0) {
            Error e = Error::make(ErrorCode::NotAWorkspace);
            e.file = db.path();
            return e;
        }
        AGRO_TRY(db.exec("PRAGMA application_id = " + std::to_string(kApplicationId)));
    }
    if (version > latestSchemaVersion()) {
        Error e =
            Error::make(ErrorCode::SchemaTooNew,
                        QStringLiteral("schema %1 > %2").arg(version).arg(latestSchemaVersion()));
        e.file = db.path();
        return e;
    }
    for (const Migration &m : migrations()) {
        if (m.version <= version || m.version > target)
            continue;
        qCInfo(lcMigrations) << "applying migration" << m.version << m.name << "to" << db.path();
        auto tx = Transaction::begin(db);
        if (!tx.ok())
            return tx.error();
        if (auto r = db.exec(m.sql.toStdString()); !r.ok()) {
            Error e = r.error();
            e.detail = QStringLiteral("migration %1 (%2): %3").arg(m.version).arg(m.name, e.detail);
            return e;
        }
        AGRO_TRY(db.exec("PRAGMA user_version = " + std::to_string(m.version)));
        AGRO_TRY(tx->commit());
    }
    return {};
}

} // namespace agro::store

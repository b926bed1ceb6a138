#include "serverstore.h"

#include "security/passwordhash.h"
#include "security/permissions.h"
#include "store/pgdialect.h"
#include "sync/uuid7.h"

#include <QCryptographicHash>

namespace agro::server {

namespace {

QString tokenHash(const QString &token) {
    return QString::fromLatin1(
        QCryptographicHash::hash(token.toLatin1(), QCryptographicHash::Sha256).toHex());
}

Error notFound(const QString &what) {
    return Error::make(ErrorCode::NotFound, what);
}

Result<qint64> accountId(store::Connection &db, const QString &username) {
    auto st = db.prepare("SELECT id FROM server_accounts WHERE username = ?");
    if (!st.ok())
        return st.error();
    st->bind(1, username);
    auto row = st->step();
    if (!row.ok())
        return row.error();
    if (!row.value())
        return notFound(QStringLiteral("no account %1").arg(username));
    return st->int64(0);
}

Result<void> checkPassword(const QString &password) {
    // NIST SP 800-63B §5.1.1: at least 8 characters; length over composition rules.
    if (password.size() < 8)
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("a password needs at least 8 characters"));
    if (password.size() > 256)
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("a password has at most 256 characters"));
    return {};
}

Result<Account> readAccount(store::Connection &db, store::Statement &st) {
    Account a;
    a.id = st.int64(0);
    a.username = st.text(1);
    a.disabled = st.int64(2) != 0;
    auto g = db.prepare("SELECT farm_id, role FROM server_grants WHERE account = ?");
    if (!g.ok())
        return g.error();
    g->bind(1, a.id);
    AGRO_TRY(g->forEachRow([&] { a.roles[g->text(0)] = g->text(1); }));
    return a;
}

} // namespace

Result<void> ServerStore::prepare(store::Connection &db) {
    const QString ddl = QStringLiteral(R"sql(
CREATE TABLE IF NOT EXISTS server_accounts (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE CHECK (length(trim(username)) > 0),
    password_hash TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
);
CREATE TABLE IF NOT EXISTS server_grants (
    account INTEGER NOT NULL REFERENCES server_accounts(id),
    farm_id TEXT NOT NULL,
    role    TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'agronomist', 'inspector', 'viewer')),
    PRIMARY KEY (account, farm_id)
);
CREATE TABLE IF NOT EXISTS server_sessions (
    token_sha256 TEXT PRIMARY KEY,
    account      INTEGER NOT NULL REFERENCES server_accounts(id),
    created_s    INTEGER NOT NULL,
    used_s       INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS server_batches (
    batch_id    TEXT NOT NULL,
    account     INTEGER NOT NULL,
    received_s  INTEGER NOT NULL,
    reply       BLOB NOT NULL,
    PRIMARY KEY (batch_id, account)
);
)sql");
    // The same tables on PostgreSQL, in its types (store/pgdialect.h).
    return db.exec((db.isPostgres() ? store::pg::translateMigration(ddl) : ddl).toStdString());
}

Result<Account> ServerStore::addAccount(store::Connection &db, const QString &username,
                                        const QString &password) {
    if (username.trimmed().isEmpty() || username.size() > 64 || username.trimmed() != username)
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("a user name is 1 to 64 characters, no outer spaces"));
    AGRO_TRY(checkPassword(password));
    auto hash = security::hashPassword(password);
    if (!hash.ok())
        return hash.error();
    auto st = db.prepare("INSERT INTO server_accounts (username, password_hash) VALUES (?, ?)");
    if (!st.ok())
        return st.error();
    st->bind(1, username);
    st->bind(2, hash.value());
    auto r = st->run();
    if (!r.ok())
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("account %1 exists already").arg(username));
    auto id = accountId(db, username);
    if (!id.ok())
        return id.error();
    Account a;
    a.id = id.value();
    a.username = username;
    return a;
}

Result<void> ServerStore::setPassword(store::Connection &db, const QString &username,
                                      const QString &password) {
    AGRO_TRY(checkPassword(password));
    auto id = accountId(db, username);
    if (!id.ok())
        return id.error();
    auto hash = security::hashPassword(password);
    if (!hash.ok())
        return hash.error();
    auto st = db.prepare("UPDATE server_accounts SET password_hash = ? WHERE id = ?");
    if (!st.ok())
        return st.error();
    st->bind(1, hash.value());
    st->bind(2, id.value());
    AGRO_TRY(st->run());
    // A new password ends every open session of the account.
    auto end = db.prepare("DELETE FROM server_sessions WHERE account = ?");
    if (!end.ok())
        return end.error();
    end->bind(1, id.value());
    return end->run();
}

Result<void> ServerStore::setDisabled(store::Connection &db, const QString &username,
                                      bool disabled) {
    auto id = accountId(db, username);
    if (!id.ok())
        return id.error();
    auto st = db.prepare("UPDATE server_accounts SET disabled = ? WHERE id = ?");
    if (!st.ok())
        return st.error();
    st->bind(1, disabled ? 1 : 0);
    st->bind(2, id.value());
    AGRO_TRY(st->run());
    if (!disabled)
        return {};
    auto end = db.prepare("DELETE FROM server_sessions WHERE account = ?");
    if (!end.ok())
        return end.error();
    end->bind(1, id.value());
    return end->run();
}

Result<QString> ServerStore::grant(store::Connection &db, const QString &username,
                                   const QString &farm, const QString &role) {
    if (!security::isRole(role))
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("no role %1 (owner, manager, agronomist, inspector, "
                                          "viewer)")
                               .arg(role));
    auto id = accountId(db, username);
    if (!id.ok())
        return id.error();
    QString farmId;
    {
        auto st = db.prepare("SELECT id FROM farms WHERE id = ?1 OR name = ?1");
        if (!st.ok())
            return st.error();
        st->bind(1, farm);
        QStringList found;
        AGRO_TRY(st->forEachRow([&] { found.push_back(st->text(0)); }));
        if (found.size() > 1)
            return Error::make(ErrorCode::InvalidArgument,
                               QStringLiteral("%1 farms are named %2: give the farm id")
                                   .arg(found.size())
                                   .arg(farm));
        if (found.size() == 1)
            farmId = found.first();
        else if (sync::Uuid7Generator::isValid(farm))
            farmId = farm;
        else
            return notFound(QStringLiteral("no farm %1 on this server").arg(farm));
    }
    auto st = db.prepare("INSERT INTO server_grants (account, farm_id, role) VALUES (?, ?, ?) "
                         "ON CONFLICT (account, farm_id) DO UPDATE SET role = excluded.role");
    if (!st.ok())
        return st.error();
    st->bind(1, id.value());
    st->bind(2, farmId);
    st->bind(3, role);
    AGRO_TRY(st->run());
    return farmId;
}

Result<void> ServerStore::revoke(store::Connection &db, const QString &username,
                                 const QString &farm) {
    auto id = accountId(db, username);
    if (!id.ok())
        return id.error();
    auto st = db.prepare("DELETE FROM server_grants WHERE account = ?1 AND (farm_id = ?2 OR "
                         "farm_id IN (SELECT id FROM farms WHERE name = ?2))");
    if (!st.ok())
        return st.error();
    st->bind(1, id.value());
    st->bind(2, farm);
    AGRO_TRY(st->run());
    if (db.changes() == 0)
        return notFound(QStringLiteral("%1 has no role on %2").arg(username, farm));
    return {};
}

namespace {
Result<std::optional<Account>> findAccount(store::Connection &db, const char *where,
                                           const QVariant &key) {
    auto st = db.prepare(std::string("SELECT id, username, disabled FROM server_accounts WHERE ") +
                         where + " = ?");
    if (!st.ok())
        return st.error();
    st->bind(1, key);
    auto row = st->step();
    if (!row.ok())
        return row.error();
    if (!row.value())
        return std::optional<Account>();
    auto a = readAccount(db, st.value());
    if (!a.ok())
        return a.error();
    return std::optional<Account>(a.value());
}
} // namespace

Result<std::optional<Account>> ServerStore::account(store::Connection &db,
                                                    const QString &username) {
    return findAccount(db, "username", username);
}

Result<std::optional<Account>> ServerStore::accountById(store::Connection &db, qint64 id) {
    return findAccount(db, "id", QVariant(id));
}

Result<QString> ServerStore::passwordHash(store::Connection &db, qint64 accountId) {
    auto st = db.prepare("SELECT password_hash FROM server_accounts WHERE id = ?");
    if (!st.ok())
        return st.error();
    st->bind(1, accountId);
    auto row = st->step();
    if (!row.ok())
        return row.error();
    return row.value() ? st->text(0) : QString();
}

Result<std::vector<Account>> ServerStore::accounts(store::Connection &db) {
    auto st = db.prepare("SELECT id, username, disabled FROM server_accounts ORDER BY username");
    if (!st.ok())
        return st.error();
    std::vector<Account> out;
    for (;;) {
        auto row = st->step();
        if (!row.ok())
            return row.error();
        if (!row.value())
            break;
        auto a = readAccount(db, st.value());
        if (!a.ok())
            return a.error();
        out.push_back(a.value());
    }
    return out;
}

Result<QString> ServerStore::openSession(store::Connection &db, qint64 accountId, qint64 nowS) {
    const QString token = QString::fromLatin1(security::randomBytes(32).toBase64(
        QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    auto st = db.prepare("INSERT INTO server_sessions (token_sha256, account, created_s, used_s) "
                         "VALUES (?, ?, ?, ?)");
    if (!st.ok())
        return st.error();
    st->bind(1, tokenHash(token));
    st->bind(2, accountId);
    st->bind(3, nowS);
    st->bind(4, nowS);
    AGRO_TRY(st->run());
    return token;
}

Result<std::optional<qint64>> ServerStore::sessionAccount(store::Connection &db,
                                                          const QString &token, qint64 nowS) {
    auto st = db.prepare("SELECT s.account, s.created_s, s.used_s, a.disabled FROM "
                         "server_sessions s JOIN server_accounts a ON a.id = s.account "
                         "WHERE s.token_sha256 = ?");
    if (!st.ok())
        return st.error();
    st->bind(1, tokenHash(token));
    auto row = st->step();
    if (!row.ok())
        return row.error();
    if (!row.value())
        return std::optional<qint64>();
    const qint64 account = st->int64(0);
    const bool expired = nowS - st->int64(1) > kSessionAbsoluteSeconds ||
                         nowS - st->int64(2) > kSessionIdleSeconds || st->int64(3) != 0;
    st = store::Statement();
    if (expired) {
        AGRO_TRY(closeSession(db, token));
        return std::optional<qint64>();
    }
    auto touch = db.prepare("UPDATE server_sessions SET used_s = ? WHERE token_sha256 = ? AND "
                            "used_s < ?");
    if (!touch.ok())
        return touch.error();
    touch->bind(1, nowS);
    touch->bind(2, tokenHash(token));
    touch->bind(3, nowS - 60); // at most one write a minute per session
    AGRO_TRY(touch->run());
    return std::optional<qint64>(account);
}

Result<void> ServerStore::closeSession(store::Connection &db, const QString &token) {
    auto st = db.prepare("DELETE FROM server_sessions WHERE token_sha256 = ?");
    if (!st.ok())
        return st.error();
    st->bind(1, tokenHash(token));
    return st->run();
}

Result<std::optional<QByteArray>>
ServerStore::batchReply(store::Connection &db, const QString &batchId, qint64 accountId) {
    auto st = db.prepare("SELECT reply FROM server_batches WHERE batch_id = ? AND account = ?");
    if (!st.ok())
        return st.error();
    st->bind(1, batchId);
    st->bind(2, accountId);
    auto row = st->step();
    if (!row.ok())
        return row.error();
    if (!row.value())
        return std::optional<QByteArray>();
    return std::optional<QByteArray>(st->blob(0));
}

Result<void> ServerStore::recordBatch(store::Connection &db, const QString &batchId,
                                      qint64 accountId, qint64 nowS, const QByteArray &reply) {
    auto st = db.prepare("INSERT OR IGNORE INTO server_batches (batch_id, account, received_s, "
                         "reply) VALUES (?, ?, ?, ?)");
    if (!st.ok())
        return st.error();
    st->bind(1, batchId);
    st->bind(2, accountId);
    st->bind(3, nowS);
    st->bind(4, QVariant(reply));
    return st->run();
}

} // namespace agro::server

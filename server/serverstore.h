#pragma once

#include "common/result.h"
#include "store/sqlite.h"

#include <QString>
#include <QStringList>

#include <map>
#include <optional>

namespace agro::server {

/// An account on the server and its roles per farm.
struct Account {
    qint64 id = 0;
    QString username;
    bool disabled = false;
    std::map<QString, QString> roles; ///< farm id → role
};

/// Session lifetimes: a token unused for 14 days, or older than 90 days, is no longer valid
/// (OWASP Session Management Cheat Sheet: idle and absolute timeouts).
inline constexpr qint64 kSessionIdleSeconds = 14 * 24 * 3600;
inline constexpr qint64 kSessionAbsoluteSeconds = 90 * 24 * 3600;

/// The server's own tables, in the same database as the replica it serves (a workspace file:
/// the same migrations as the app, then these). Accounts are server-side only; passwords are
/// stored as scrypt hashes and session tokens as their SHA-256, never in the clear.
class ServerStore {
public:
    /// Creates the server tables if missing (idempotent).
    static Result<void> prepare(store::Connection &db);

    static Result<Account> addAccount(store::Connection &db, const QString &username,
                                      const QString &password);
    static Result<void> setPassword(store::Connection &db, const QString &username,
                                    const QString &password);
    static Result<void> setDisabled(store::Connection &db, const QString &username, bool disabled);
    /// `farm` is a farm id or a farm name the server knows; a UUID not yet on the server is
    /// accepted (a farm a client will push).
    static Result<QString> grant(store::Connection &db, const QString &username,
                                 const QString &farm, const QString &role);
    static Result<void> revoke(store::Connection &db, const QString &username, const QString &farm);
    static Result<std::optional<Account>> account(store::Connection &db, const QString &username);
    static Result<std::optional<Account>> accountById(store::Connection &db, qint64 id);
    static Result<QString> passwordHash(store::Connection &db, qint64 accountId);
    static Result<std::vector<Account>> accounts(store::Connection &db);

    /// A new session: returns the token (256 random bits, base64url), stores its hash.
    static Result<QString> openSession(store::Connection &db, qint64 accountId, qint64 nowS);
    /// The account a token belongs to, if the session is valid now; touches its idle clock.
    static Result<std::optional<qint64>> sessionAccount(store::Connection &db, const QString &token,
                                                        qint64 nowS);
    static Result<void> closeSession(store::Connection &db, const QString &token);

    /// A push batch's stored reply, if this batch id was accepted before.
    static Result<std::optional<QByteArray>> batchReply(store::Connection &db,
                                                        const QString &batchId, qint64 accountId);
    static Result<void> recordBatch(store::Connection &db, const QString &batchId, qint64 accountId,
                                    qint64 nowS, const QByteArray &reply);
};

} // namespace agro::server

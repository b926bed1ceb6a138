#include "signin.h"

#include "actor.h"
#include "security/permissions.h"
#include "store/auditlog.h"
#include "store/mutator.h"
#include "store/workspace.h"
#include "worker.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace agro::services {

namespace {

Result<void> auditSignIn(store::Connection &db, const QString &actor, const QString &action,
                         const QString &username, const QDateTime &now,
                         const QJsonObject &detail = {}) {
    auto tx = store::Transaction::begin(db);
    if (!tx.ok())
        return tx.error();
    store::AuditEntry e;
    e.actor = actor;
    e.action = action;
    e.entity = QStringLiteral("users");
    e.entityId = username; // the name typed: failed attempts may name nobody
    e.detailJson = QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact));
    e.at = now.toUTC().toString(Qt::ISODateWithMs);
    AGRO_TRY(store::AuditLog::append(db, e));
    return tx->commit();
}

/// A hash of a random password, checked when the name is unknown so that the answer takes
/// as long as for a real account (names do not leak through timing).
const QString &decoyHash() {
    static const QString hash = [] {
        auto h = security::hashPassword(QString::fromLatin1(security::randomBytes(12).toHex()));
        return h.ok() ? h.value() : QString();
    }();
    return hash;
}

} // namespace

Result<qint64> signInWaitMs(store::Connection &db, const QString &username, const QDateTime &now,
                            const SignInPolicy &policy) {
    auto st = db.prepare("SELECT count(*), max(at) FROM audit_log WHERE action = 'signin.failed' "
                         "AND entity_id = ?1 AND seq > coalesce((SELECT max(seq) FROM audit_log "
                         "WHERE action = 'signin' AND entity_id = ?1), 0)");
    if (!st.ok())
        return st.error();
    st->bind(1, username);
    auto row = st->step();
    if (!row.ok())
        return row.error();
    const qint64 failures = st->int64(0);
    if (failures < policy.freeFailures)
        return qint64(0);
    const QDateTime last = QDateTime::fromString(st->text(1), Qt::ISODateWithMs);
    const int doublings = int(std::min<qint64>(failures - policy.freeFailures, 30));
    const qint64 delay = std::min(policy.maxDelayMs, policy.firstDelayMs << doublings);
    return std::max<qint64>(0, delay - last.msecsTo(now));
}

Result<SignInResult> signIn(store::Connection &db, const QString &username, const QString &password,
                            const QDateTime &now, const SignInPolicy &policy) {
    auto wait = signInWaitMs(db, username, now, policy);
    if (!wait.ok())
        return wait.error();
    if (wait.value() > 0) {
        AGRO_TRY(auditSignIn(db, QStringLiteral("system"), QStringLiteral("signin.throttled"),
                             username, now, {{QStringLiteral("wait_ms"), wait.value()}}));
        return Error::make(ErrorCode::SignInThrottled,
                           QString::number((wait.value() + 999) / 1000));
    }
    QString userId, stored;
    bool usable = false;
    {
        auto st = db.prepare("SELECT id, password_hash, disabled FROM users WHERE username = ?");
        if (!st.ok())
            return st.error();
        st->bind(1, username);
        auto row = st->step();
        if (!row.ok())
            return row.error();
        if (row.value()) {
            userId = st->text(0);
            stored = st->text(1);
            usable = !stored.isEmpty() && st->int64(2) == 0;
        }
    }
    auto verdict = security::verifyPassword(password, usable ? stored : decoyHash());
    if (!verdict.ok())
        return verdict.error();
    if (!usable || !verdict->matches) {
        AGRO_TRY(auditSignIn(db, userId.isEmpty() ? QStringLiteral("system") : userId,
                             QStringLiteral("signin.failed"), username, now));
        return Error::make(ErrorCode::SignInFailed);
    }
    SignInResult result;
    result.who = {userId, username};
    security::Sessions::signIn(db.path(), result.who);
    security::ScryptParams params;
    if (verdict->needsRehash ||
        (security::parseParams(stored, &params) && params.log2N < policy.hashParams.log2N)) {
        auto fresh = security::hashPassword(password, policy.hashParams);
        if (!fresh.ok())
            return fresh.error();
        auto m = store::Mutator::begin(db);
        if (!m.ok())
            return m.error();
        AGRO_TRY(m->update(QStringLiteral("users"), userId,
                           {{QStringLiteral("password_hash"), fresh.value()}}));
        AGRO_TRY(m->commit());
        result.rehashed = true;
    }
    AGRO_TRY(auditSignIn(db, userId, QStringLiteral("signin"), username, now,
                         {{QStringLiteral("rehashed"), result.rehashed}}));
    return result;
}

Result<bool> requiresSignIn(store::Connection &db) {
    auto set = store::Workspace::meta(db, QStringLiteral("require_signin"));
    if (!set.ok())
        return set.error();
    if (!set->isEmpty())
        return set.value() == QLatin1String("1");
    auto n = db.scalar("SELECT count(*) FROM users WHERE disabled = 0 AND password_hash IS NOT "
                       "NULL");
    if (!n.ok())
        return n.error();
    return n->toLongLong() > 1;
}

Result<void> setRequiresSignIn(store::Connection &db, bool on) {
    return store::Workspace::setMeta(db, QStringLiteral("require_signin"),
                                     on ? QStringLiteral("1") : QStringLiteral("0"));
}

QCoro::Task<Result<SignInState>> SignInService::prepare(QString workspace) {
    auto work = [workspace]() -> Result<SignInState> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        SignInState state;
        auto required = requiresSignIn(db.value());
        if (!required.ok())
            return required.error();
        state.required = required.value();
        auto st = db->prepare("SELECT username FROM users WHERE disabled = 0 AND password_hash "
                              "IS NOT NULL ORDER BY username");
        if (!st.ok())
            return st.error();
        AGRO_TRY(st->forEachRow([&] { state.usernames << st->text(0); }));
        st = store::Statement();
        if (state.required) {
            security::Sessions::signOut(workspace);
            return state;
        }
        if (auto current = security::Sessions::current(workspace)) {
            state.who = current;
            return state;
        }
        auto owner = defaultOwner(db.value());
        if (owner.ok()) {
            state.who = security::Principal{owner->userId, owner->username};
            security::Sessions::signIn(workspace, *state.who);
        }
        return state;
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<SignInResult>> SignInService::signIn(QString workspace, QString username,
                                                        QString password) {
    auto work = [workspace, username, password]() -> Result<SignInResult> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        return services::signIn(db.value(), username, password, QDateTime::currentDateTimeUtc());
    };
    auto task = onWriter(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<QStringList>> SignInService::roles(QString workspace) {
    auto work = [workspace]() -> Result<QStringList> {
        const auto who = security::Sessions::current(workspace);
        if (!who)
            return security::roles();
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        return rolesOf(db.value(), who->userId);
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<void>> SignInService::audit(QString workspace, QString action) {
    auto work = [workspace, action]() -> Result<void> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        const auto who = security::Sessions::current(workspace);
        return auditSignIn(db.value(), who ? who->userId : QStringLiteral("system"), action,
                           who ? who->username : QString(), QDateTime::currentDateTimeUtc());
    };
    auto task = onWriter(std::move(work));
    auto result = co_await task;
    co_return result;
}

} // namespace agro::services

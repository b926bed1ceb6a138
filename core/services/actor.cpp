#include "actor.h"

#include "security/sessions.h"
#include "store/auditlog.h"
#include "store/workspace.h"

#include "worker.h"
#include <QJsonDocument>
#include <QJsonObject>

namespace agro::services {

Result<Actor> actorByUsername(store::Connection &db, const QString &username) {
    auto st =
        db.prepare("SELECT id, username, display_name, disabled FROM users WHERE username = ?1");
    if (!st.ok())
        return st.error();
    st->bind(1, username);
    auto row = st->step();
    if (!row.ok())
        return row.error();
    if (!row.value())
        return Error::make(ErrorCode::NotFound, QStringLiteral("user %1").arg(username));
    if (st->int64(3) != 0)
        return Error::make(ErrorCode::PermissionDenied,
                           QStringLiteral("user %1 is disabled").arg(username));
    return Actor{st->text(0), st->text(1), st->text(2), {}};
}

Result<void> requireSignedInActor(store::Connection &db, const Actor &actor) {
    const auto who = security::Sessions::current(db.path());
    if (who && who->userId != actor.userId)
        return refuse(db, Actor{who->userId, who->username, {}, {}}, QStringLiteral("users"),
                      actor.userId,
                      QStringLiteral("%1 is signed in; acting as %2 is refused")
                          .arg(who->username, actor.username));
    return {};
}

Error refuse(store::Connection &db, const Actor &actor, const QString &entity,
             const QString &entityId, const QString &why) {
    store::AuditEntry e;
    e.actor = actor.userId.isEmpty() ? QStringLiteral("system") : actor.userId;
    e.action = QStringLiteral("permission.refused");
    e.entity = entity;
    e.entityId = entityId;
    e.detailJson = QString::fromUtf8(
        QJsonDocument(QJsonObject{{QStringLiteral("why"), why}}).toJson(QJsonDocument::Compact));
    // The refusal is kept even though the command wrote nothing; failing to record it does not
    // turn the refusal into something else.
    if (auto tx = store::Transaction::begin(db); tx.ok() && store::AuditLog::append(db, e).ok())
        (void)tx->commit();
    return Error::make(ErrorCode::PermissionDenied, why);
}

Result<QStringList> rolesOf(store::Connection &db, const QString &userId) {
    auto st = db.prepare("SELECT DISTINCT role FROM memberships WHERE user_id = ? ORDER BY role");
    if (!st.ok())
        return st.error();
    st->bind(1, userId);
    QStringList out;
    AGRO_TRY(st->forEachRow([&] { out << st->text(0); }));
    return out;
}

Result<void> requireOwner(store::Connection &db, const QString &what) {
    const auto who = security::Sessions::current(db.path());
    if (!who)
        return {};
    auto roles = rolesOf(db, who->userId);
    if (!roles.ok())
        return roles.error();
    if (!roles->contains(QStringLiteral("owner")))
        return refuse(db, Actor{who->userId, who->username, {}, {}}, QStringLiteral("workspace"),
                      QString(), QStringLiteral("only an owner may %1").arg(what));
    return {};
}

Result<Actor> defaultOwner(store::Connection &db) {
    auto st = db.prepare("SELECT u.id, u.username, u.display_name FROM users u JOIN memberships m "
                         "ON m.user_id = u.id WHERE m.role = 'owner' AND u.disabled = 0 "
                         "ORDER BY u.lid LIMIT 1");
    if (!st.ok())
        return st.error();
    auto row = st->step();
    if (!row.ok())
        return row.error();
    if (!row.value())
        return Error::make(ErrorCode::NotFound, QStringLiteral("the workspace has no owner"));
    return Actor{st->text(0), st->text(1), st->text(2), {}};
}

Result<QString> roleOn(store::Connection &db, const QString &userId, const QString &farmId) {
    auto st = db.prepare("SELECT m.role FROM memberships m JOIN users u ON u.id = m.user_id "
                         "WHERE m.user_id = ?1 AND m.farm_id = ?2 AND u.disabled = 0");
    if (!st.ok())
        return st.error();
    st->bind(1, userId);
    st->bind(2, farmId);
    auto row = st->step();
    if (!row.ok())
        return row.error();
    return row.value() ? st->text(0) : QString();
}

Result<std::vector<Actor>> usersOnFarm(store::Connection &db, const QString &farmId,
                                       const QStringList &roles) {
    auto st = db.prepare("SELECT u.id, u.username, u.display_name, m.role FROM users u JOIN "
                         "memberships m ON m.user_id = u.id WHERE m.farm_id = ?1 AND "
                         "u.disabled = 0 ORDER BY u.display_name, u.username");
    if (!st.ok())
        return st.error();
    st->bind(1, farmId);
    std::vector<Actor> out;
    AGRO_TRY(st->forEachRow([&] {
        if (roles.isEmpty() || roles.contains(st->text(3)))
            out.push_back({st->text(0), st->text(1), st->text(2), {}});
    }));
    return out;
}

namespace {
Result<Actor> withRoles(store::Connection &db, Actor actor) {
    auto roles = rolesOf(db, actor.userId);
    if (!roles.ok())
        return roles.error();
    actor.roles = roles.value();
    return actor;
}
} // namespace

QCoro::Task<Result<Actor>> ActorService::defaultActor(QString workspace) {
    auto work = [workspace]() -> Result<Actor> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        if (const auto who = security::Sessions::current(workspace)) {
            auto st = db->prepare("SELECT id, username, display_name FROM users WHERE id = ?");
            if (!st.ok())
                return st.error();
            st->bind(1, who->userId);
            auto row = st->step();
            if (!row.ok())
                return row.error();
            if (row.value())
                return withRoles(db.value(), Actor{st->text(0), st->text(1), st->text(2), {}});
        }
        auto owner = defaultOwner(db.value());
        if (!owner.ok())
            return owner.error();
        return withRoles(db.value(), owner.value());
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

} // namespace agro::services

#include "actor.h"

#include "store/workspace.h"
#include "worker.h"

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
    return Actor{st->text(0), st->text(1), st->text(2)};
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
    return Actor{st->text(0), st->text(1), st->text(2)};
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
            out.push_back({st->text(0), st->text(1), st->text(2)});
    }));
    return out;
}

QCoro::Task<Result<Actor>> ActorService::defaultActor(QString workspace) {
    auto work = [workspace]() -> Result<Actor> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        return defaultOwner(db.value());
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

} // namespace agro::services

#pragma once

#include "common/result.h"
#include "store/sqlite.h"

#include <QCoroTask>
#include <QString>

#include <vector>

namespace agro::services {

/// Who is acting: a user of the workspace. Until sign-in exists (the users-and-roles issue),
/// the app acts as the workspace's first owner and says so; the CLI names the user (--as).
struct Actor {
    QString userId;
    QString username;
    QString displayName;
};
Result<Actor> actorByUsername(store::Connection &db, const QString &username);
Result<Actor> defaultOwner(store::Connection &db);
/// The actor's role on a farm, or empty when they have none there.
Result<QString> roleOn(store::Connection &db, const QString &userId, const QString &farmId);

/// Users with a role on a farm among `roles` (all roles when empty), by name.
Result<std::vector<Actor>> usersOnFarm(store::Connection &db, const QString &farmId,
                                       const QStringList &roles = {});

/// Who the app acts as, off the UI thread: the workspace's first owner until sign-in exists.
class ActorService {
public:
    static QCoro::Task<Result<Actor>> defaultActor(QString workspace);
};

} // namespace agro::services

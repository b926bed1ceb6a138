#pragma once

#include "common/result.h"
#include "store/sqlite.h"

#include <QString>

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

} // namespace agro::services

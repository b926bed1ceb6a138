#pragma once

#include "common/result.h"
#include "store/sqlite.h"

#include <QCoroTask>
#include <QString>
#include <QStringList>

#include <vector>

namespace agro::services {

/// Who is acting: a user of the workspace (the signed-in person in the app, --as on the
/// command line).
struct Actor {
    QString userId;
    QString username;
    QString displayName;
    QStringList roles; ///< the roles they hold on any farm (filled by ActorService)
};
Result<Actor> actorByUsername(store::Connection &db, const QString &username);
/// A service called with an actor while someone else is signed in to the workspace is
/// refused: the person recorded is always the person whose role was checked
/// (security::Sessions).
Result<void> requireSignedInActor(store::Connection &db, const Actor &actor);
Result<Actor> defaultOwner(store::Connection &db);
/// A refusal by a service's own role rule (alerts, lots, inspections, restock decisions,
/// sensor limits, QC forms): recorded in the audit log as "permission.refused" — as the
/// Mutator's WriteGuard records the refusals of the permission table — and returned as
/// PermissionDenied. Call it before any write transaction of the refused command is open.
Error refuse(store::Connection &db, const Actor &actor, const QString &entity,
             const QString &entityId, const QString &why);
/// The distinct roles a person holds on any farm.
Result<QStringList> rolesOf(store::Connection &db, const QString &userId);
/// For what only owners do (restoring a backup, reading the audit log, requiring sign-in):
/// the signed-in person must be an owner on some farm; with nobody signed in, AgroDesk itself
/// acts. PermissionDenied says `what`.
Result<void> requireOwner(store::Connection &db, const QString &what);
/// The actor's role on a farm, or empty when they have none there.
Result<QString> roleOn(store::Connection &db, const QString &userId, const QString &farmId);

/// Users with a role on a farm among `roles` (all roles when empty), by name.
Result<std::vector<Actor>> usersOnFarm(store::Connection &db, const QString &farmId,
                                       const QStringList &roles = {});

/// Who the app acts as, off the UI thread: the person signed in to the workspace
/// (security::Sessions), else its first owner.
class ActorService {
public:
    static QCoro::Task<Result<Actor>> defaultActor(QString workspace);
};

} // namespace agro::services

#pragma once

#include "common/result.h"
#include "store/sqlite.h"

#include <QCoroTask>
#include <QString>

#include <vector>

namespace agro::services {

/// A person of the workspace with their roles, for Settings → Users and `user list`.
struct UserRow {
    QString id, username, displayName;
    bool disabled = false;
    bool hasPassword = false;
    struct Role {
        QString farmId, farmName, role;
    };
    std::vector<Role> roles;
};

/// Managing the workspace's people. Every change goes through the Mutator, so the signed-in
/// person's role is checked (only owners manage people; anyone may change their own
/// password), and is recorded in the audit log in the same transaction. Passwords must pass
/// security::checkNewPassword and are stored as scrypt hashes only.
namespace users {

/// Adds a person with a role on one farm; returns their id.
Result<QString> add(store::Connection &db, const QString &username, const QString &displayName,
                    const QString &password, const QString &farmId, const QString &role);
/// Gives (or changes) a person's role on a farm.
Result<void> grant(store::Connection &db, const QString &userId, const QString &farmId,
                   const QString &role);
Result<void> revoke(store::Connection &db, const QString &userId, const QString &farmId);
Result<void> setPassword(store::Connection &db, const QString &userId, const QString &password);
Result<void> setDisabled(store::Connection &db, const QString &userId, bool disabled);
Result<std::vector<UserRow>> list(store::Connection &db);

/// A user by name or id (NotFound names it).
Result<UserRow> find(store::Connection &db, const QString &nameOrId);
/// A farm by name or id (NotFound names it).
Result<QString> farmId(store::Connection &db, const QString &nameOrId);

/// Turns "require sign-in" on or off: owners only (when someone is signed in), audited as
/// settings.change.
Result<void> setSignInRequired(store::Connection &db, bool on);

} // namespace users

/// Settings → Users off the UI thread; edits on the writer thread, in order.
class UserService {
public:
    struct Overview {
        std::vector<UserRow> users;
        std::vector<std::pair<QString, QString>> farms; ///< id, name
        bool signInRequired = false;
        bool mayManage = false; ///< the acting person is an owner (or nobody is signed in)
        QString me;             ///< the acting person's id
        QString syncServer;     ///< the server this workspace syncs with, if any
    };
    static QCoro::Task<Result<Overview>> overview(QString workspace);
    static QCoro::Task<Result<QString>> add(QString workspace, QString username,
                                            QString displayName, QString password, QString farmId,
                                            QString role);
    static QCoro::Task<Result<void>> grant(QString workspace, QString userId, QString farmId,
                                           QString role);
    static QCoro::Task<Result<void>> revoke(QString workspace, QString userId, QString farmId);
    static QCoro::Task<Result<void>> setPassword(QString workspace, QString userId,
                                                 QString password);
    static QCoro::Task<Result<void>> setDisabled(QString workspace, QString userId, bool disabled);
    static QCoro::Task<Result<void>> setSignInRequired(QString workspace, bool on);
};

} // namespace agro::services

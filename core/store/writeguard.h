#pragma once

#include "security/permissions.h"
#include "security/sessions.h"
#include "sqlite.h"

#include <QStringList>

#include <map>

namespace agro::store {

/// The permission check behind every Mutator write made while a person is signed in
/// (security::Sessions): the role they hold on the row's farm must allow the action on the
/// table (security::allowed — the one permission table). Beyond that table:
///  * a farm is created by someone who is not only a viewer, and its creator owns it for
///    the rest of the transaction (they add their own membership in it);
///  * rows of no farm (the shared catalogue) need an owner or manager role somewhere;
///  * users and memberships are managed by owners (of the membership's farm), except that
///    people may change their own password and display name.
class WriteGuard {
public:
    static Result<WriteGuard> load(Connection &db, security::Principal who);

    /// PermissionDenied naming the role, action and table, or nothing.
    Result<void> check(const QString &table, security::Action action, const QString &farmId,
                       const QString &rowId, const QStringList &columns = {}) const;
    /// The signed-in person created `farmId` in this transaction.
    void ownCreatedFarm(const QString &farmId) { m_roles[farmId] = QStringLiteral("owner"); }

    const security::Principal &principal() const { return m_who; }
    QString roleOn(const QString &farmId) const;

private:
    security::Principal m_who;
    std::map<QString, QString> m_roles; ///< farm id → role
};

} // namespace agro::store

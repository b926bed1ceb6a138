#pragma once

#include "common/result.h"
#include "serverstore.h"
#include "sync/change.h"

namespace agro::server {

/// Decides whether an account may write every change of a push, before anything is written
/// (all or nothing). Checks per change (docs/sync.md, "Authorization"):
///  * the role the account holds on the change's farm allows the action on the table
///    (create: the row is new to the server; update; delete);
///  * the row, if the server has it, belongs to that farm (a forged farm id on a known row
///    id is refused), and a farm_id cell names the same farm (rows do not move);
///  * a row of the farms table is its own farm; a farm new to the server may be created by
///    an account that is not only a viewer, and which then owns it;
///  * shared-catalogue rows (no farm) need an owner or manager role on some farm.
/// Runs inside the push's write transaction.
class PushAuthorizer {
public:
    PushAuthorizer(store::Connection &db, const Account &account)
        : m_db(db)
        , m_account(account) {}

    /// Forbidden (naming the change's index and why) or the farms the push creates.
    Result<QStringList> authorize(const sync::Changes &changes);

private:
    Result<std::optional<QString>> knownFarmOf(const QString &table, const QString &row);
    store::Connection &m_db;
    const Account &m_account;
};

} // namespace agro::server

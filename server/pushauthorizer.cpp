#include "pushauthorizer.h"

#include "security/permissions.h"
#include "sync/bulkfacts.h"

#include <algorithm>
#include <map>
#include <set>

namespace agro::server {

namespace {
Error forbidden(size_t index, const QString &why) {
    Error e = Error::make(ErrorCode::PermissionDenied,
                          QStringLiteral("changes[%1]: %2").arg(index).arg(why));
    e.line = static_cast<qint64>(index);
    return e;
}
} // namespace

Result<std::optional<QString>> PushAuthorizer::knownFarmOf(const QString &table,
                                                           const QString &row) {
    // The farm a row was first written under: rows never move between farms.
    auto st = m_db.prepare("SELECT coalesce(farm_id, '') FROM change_log WHERE tbl = ? AND "
                           "row_id = ? ORDER BY seq LIMIT 1");
    if (!st.ok())
        return st.error();
    st->bind(1, table);
    st->bind(2, row);
    auto r = st->step();
    if (!r.ok())
        return r.error();
    if (!r.value())
        return std::optional<QString>();
    return std::optional<QString>(st->text(0));
}

Result<QStringList> PushAuthorizer::authorize(const sync::Changes &changes) {
    if (m_account.disabled)
        return Error::make(ErrorCode::PermissionDenied, QStringLiteral("account disabled"));
    // First pass: farms this push creates (a farms row the server has never seen, on which
    // nobody holds a role). The pusher owns them for the rest of the check.
    std::map<QString, QString> roles = m_account.roles;
    QStringList created;
    // Someone who only views farms does not start new ones; a new account may.
    const bool mayStartFarms =
        roles.empty() || std::any_of(roles.begin(), roles.end(), [](const auto &r) {
            return r.second != QLatin1String("viewer");
        });
    for (const sync::Change &c : changes) {
        if (!mayStartFarms || c.table != QLatin1String("farms") || c.rowId != c.farmId ||
            roles.count(c.farmId))
            continue;
        auto known = knownFarmOf(QStringLiteral("farms"), c.farmId);
        if (!known.ok())
            return known.error();
        auto granted = m_db.prepare("SELECT 1 FROM server_grants WHERE farm_id = ?");
        if (!granted.ok())
            return granted.error();
        granted->bind(1, c.farmId);
        auto g = granted->step();
        if (!g.ok())
            return g.error();
        if (!known->has_value() && !g.value()) {
            roles[c.farmId] = QStringLiteral("owner");
            created.push_back(c.farmId);
        }
    }
    const bool catalogueWriter = [&] {
        for (const auto &[farm, role] : roles)
            if (role == QLatin1String("owner") || role == QLatin1String("manager"))
                return true;
        return false;
    }();

    std::map<std::pair<QString, QString>, std::optional<QString>> known;
    std::map<QString, QString> batchTables; ///< bulk batch id → its fact table
    for (size_t i = 0; i < changes.size(); ++i) {
        const sync::Change &c = changes[i];
        const auto key = std::make_pair(c.table, c.rowId);
        auto k = known.find(key);
        if (k == known.end()) {
            auto farm = knownFarmOf(c.table, c.rowId);
            if (!farm.ok())
                return farm.error();
            k = known.emplace(key, farm.value()).first;
        }
        const std::optional<QString> existingFarm = k->second;
        if (existingFarm && *existingFarm != c.farmId)
            return forbidden(i,
                             QStringLiteral("%1 %2 belongs to another farm").arg(c.table, c.rowId));
        if (c.column == QLatin1String("farm_id") && c.value.toString() != c.farmId)
            return forbidden(i, QStringLiteral("rows do not move between farms"));
        if (c.table == QLatin1String("farms") && c.rowId != c.farmId)
            return forbidden(i, QStringLiteral("a farm row is its own farm"));
        // Later cells of a row this push creates keep the farm it was created under.
        k->second = c.farmId;

        if (c.table == sync::bulkBatchesTable()) {
            // A bulk batch (sales, readings, weather, stock movements) is a creation of its
            // fact table's rows on its farm; its chunks are checked as their header is.
            QString factTable = sync::isBulkHeader(c) ? c.column : QString();
            if (factTable.isEmpty()) {
                if (auto h = batchTables.find(c.rowId); h != batchTables.end())
                    factTable = h->second;
                else {
                    auto st = m_db.prepare("SELECT tbl FROM bulk_batches WHERE id = ?");
                    if (!st.ok())
                        return st.error();
                    st->bind(1, c.rowId);
                    auto had = st->step();
                    if (!had.ok())
                        return had.error();
                    if (!had.value())
                        return forbidden(i, QStringLiteral("rows of bulk batch %1 without its "
                                                           "header")
                                                .arg(c.rowId));
                    factTable = st->text(0);
                }
            }
            batchTables[c.rowId] = factTable;
            if (c.farmId.isEmpty())
                return forbidden(i, QStringLiteral("a bulk batch belongs to a farm"));
            auto role = roles.find(c.farmId);
            if (role == roles.end())
                return forbidden(i, QStringLiteral("not a member of farm %1").arg(c.farmId));
            if (!security::allowed(role->second, factTable, security::Action::Create))
                return forbidden(
                    i, QStringLiteral("the role %1 may not add %2").arg(role->second, factTable));
            continue;
        }

        if (c.farmId.isEmpty()) {
            if (!catalogueWriter)
                return forbidden(i, QStringLiteral("shared catalogue rows need an owner or "
                                                   "manager"));
            continue;
        }
        auto role = roles.find(c.farmId);
        if (role == roles.end())
            return forbidden(i, QStringLiteral("not a member of farm %1").arg(c.farmId));
        security::Action action = c.isDelete()   ? security::Action::Delete
                                  : existingFarm ? security::Action::Update
                                                 : security::Action::Create;
        if (action == security::Action::Update) {
            // A cell the server has never had completes a row whose cells came in an earlier
            // push (a row can straddle two batches): that is still its creation.
            auto st = m_db.prepare("SELECT 1 FROM change_log WHERE tbl = ? AND row_id = ? AND "
                                   "col = ? LIMIT 1");
            if (!st.ok())
                return st.error();
            st->bind(1, c.table);
            st->bind(2, c.rowId);
            st->bind(3, c.column);
            auto had = st->step();
            if (!had.ok())
                return had.error();
            if (!had.value())
                action = security::Action::Create;
        }
        if (!security::allowed(role->second, c.table, action))
            return forbidden(i, QStringLiteral("the role %1 may not %2 %3")
                                    .arg(role->second, security::actionName(action), c.table));
    }
    return created;
}

} // namespace agro::server

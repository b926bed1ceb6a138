#include "teammirror.h"

#include "store/mutator.h"
#include "store/workspace.h"

#include <map>
#include <set>

namespace agro::services {

namespace {
// The usernames the last round mirrored, so that one whose last role went is known.
const QString kMirroredKey = QStringLiteral("sync_members");
} // namespace

Result<int> mirrorServerMembers(store::Connection &db, const std::vector<ServerMember> &members) {
    std::map<QString, std::map<QString, QString>> rolesOf; // username → farm → role
    std::map<QString, bool> disabledOf;
    std::set<QString> farms;
    for (const ServerMember &m : members) {
        rolesOf[m.username][m.farmId] = m.role;
        disabledOf[m.username] = disabledOf[m.username] || m.disabled;
        farms.insert(m.farmId);
    }
    auto previous = store::Workspace::meta(db, kMirroredKey);
    if (!previous.ok())
        return previous.error();
    std::set<QString> usernames;
    for (const QString &u : previous->split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        usernames.insert(u);
    for (const auto &[u, roles] : rolesOf)
        usernames.insert(u);

    store::Mutator::Options derived;
    derived.derived = true;
    auto m = store::Mutator::begin(db, derived);
    if (!m.ok())
        return m.error();
    int changed = 0;
    std::set<QString> localFarms;
    {
        auto st = db.prepare("SELECT id FROM farms");
        if (!st.ok())
            return st.error();
        AGRO_TRY(st->forEachRow([&] { localFarms.insert(st->text(0)); }));
    }
    for (const QString &username : usernames) {
        const auto server = rolesOf.find(username);
        QString userId;
        bool disabled = false;
        {
            auto st = db.prepare("SELECT id, disabled FROM users WHERE username = ?");
            if (!st.ok())
                return st.error();
            st->bind(1, username);
            auto row = st->step();
            if (!row.ok())
                return row.error();
            if (row.value()) {
                userId = st->text(0);
                disabled = st->int64(1) != 0;
            }
        }
        if (userId.isEmpty()) {
            if (server == rolesOf.end())
                continue;
            userId = m->newId();
            AGRO_TRY(m->insert(QStringLiteral("users"), userId,
                               {{QStringLiteral("username"), username},
                                {QStringLiteral("display_name"), username},
                                {QStringLiteral("disabled"), disabledOf[username] ? 1 : 0}}));
            ++changed;
        } else if (server != rolesOf.end() && disabled != disabledOf[username]) {
            AGRO_TRY(m->update(QStringLiteral("users"), userId,
                               {{QStringLiteral("disabled"), disabledOf[username] ? 1 : 0}}));
            ++changed;
        }
        // Their roles here on the synced farms, against the server's.
        std::map<QString, std::pair<QString, QString>> local; // farm → membership id, role
        {
            auto st = db.prepare("SELECT farm_id, id, role FROM memberships WHERE user_id = ?");
            if (!st.ok())
                return st.error();
            st->bind(1, userId);
            AGRO_TRY(st->forEachRow([&] { local[st->text(0)] = {st->text(1), st->text(2)}; }));
        }
        const std::map<QString, QString> none;
        const auto &wanted = server == rolesOf.end() ? none : server->second;
        for (const QString &farm : farms) {
            if (!localFarms.count(farm))
                continue;
            const auto have = local.find(farm);
            const auto want = wanted.find(farm);
            if (want == wanted.end()) {
                if (have != local.end()) {
                    AGRO_TRY(m->remove(QStringLiteral("memberships"), have->second.first));
                    ++changed;
                }
            } else if (have == local.end()) {
                AGRO_TRY(m->insert(QStringLiteral("memberships"), m->newId(),
                                   {{QStringLiteral("user_id"), userId},
                                    {QStringLiteral("farm_id"), farm},
                                    {QStringLiteral("role"), want->second}}));
                ++changed;
            } else if (have->second.second != want->second) {
                AGRO_TRY(m->update(QStringLiteral("memberships"), have->second.first,
                                   {{QStringLiteral("role"), want->second}}));
                ++changed;
            }
        }
    }
    QStringList mirrored;
    for (const auto &[u, roles] : rolesOf)
        mirrored << u;
    AGRO_TRY(store::Workspace::setMeta(db, kMirroredKey, mirrored.join(QLatin1Char('\n'))));
    AGRO_TRY(m->commit());
    return changed;
}

} // namespace agro::services

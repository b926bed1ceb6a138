#include "writeguard.h"

#include <algorithm>

namespace agro::store {

namespace {
Error refused(const QString &why) {
    return Error::make(ErrorCode::PermissionDenied, why);
}
} // namespace

Result<WriteGuard> WriteGuard::load(Connection &db, security::Principal who) {
    WriteGuard g;
    g.m_who = std::move(who);
    auto st = db.prepare("SELECT m.farm_id, m.role FROM memberships m JOIN users u ON "
                         "u.id = m.user_id WHERE m.user_id = ? AND u.disabled = 0");
    if (!st.ok())
        return st.error();
    st->bind(1, g.m_who.userId);
    AGRO_TRY(st->forEachRow([&] { g.m_roles[st->text(0)] = st->text(1); }));
    return g;
}

QString WriteGuard::roleOn(const QString &farmId) const {
    auto it = m_roles.find(farmId);
    return it == m_roles.end() ? QString() : it->second;
}

Result<void> WriteGuard::check(const QString &table, security::Action action, const QString &farmId,
                               const QString &rowId, const QStringList &columns) const {
    const QString verb = security::actionName(action);
    const auto any = [&](std::initializer_list<const char *> roles) {
        return std::any_of(m_roles.begin(), m_roles.end(), [&](const auto &r) {
            return std::any_of(roles.begin(), roles.end(),
                               [&](const char *role) { return r.second == QLatin1String(role); });
        });
    };
    if (table == QLatin1String("users")) {
        const bool ownProfile =
            action == security::Action::Update && rowId == m_who.userId && !columns.isEmpty() &&
            std::all_of(columns.begin(), columns.end(), [](const QString &c) {
                return c == QLatin1String("password_hash") || c == QLatin1String("display_name");
            });
        if (ownProfile || any({"owner"}))
            return {};
        return refused(QStringLiteral("only an owner may %1 users").arg(verb));
    }
    if (table == QLatin1String("memberships")) {
        if (roleOn(farmId) == QLatin1String("owner"))
            return {};
        return refused(QStringLiteral("only the farm's owner may %1 its members").arg(verb));
    }
    if (table == QLatin1String("farms") && action == security::Action::Create) {
        if (m_roles.empty() || any({"owner", "manager", "agronomist", "inspector"}))
            return {};
        return refused(QStringLiteral("a viewer may not create farms"));
    }
    if (farmId.isEmpty()) {
        if (action == security::Action::Read || any({"owner", "manager"}))
            return {};
        return refused(
            QStringLiteral("shared catalogue rows (%1) need an owner or manager").arg(table));
    }
    const QString role = roleOn(farmId);
    if (role.isEmpty())
        return refused(QStringLiteral("%1 has no role on farm %2").arg(m_who.username, farmId));
    if (!security::allowed(role, table, action))
        return refused(QStringLiteral("the role %1 may not %2 %3").arg(role, verb, table));
    return {};
}

} // namespace agro::store

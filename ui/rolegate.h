#pragma once

#include "security/permissions.h"

#include <QStringList>

#include <algorithm>

namespace agro::ui {

/// Whether any of `roles` may do `action` on `table` (security::allowed, the one permission
/// table): pages disable what the signed-in person may not do. The services check the same
/// table, so this only keeps people from pressing buttons that would be refused.
inline bool mayDo(const QStringList &roles, const char *table, security::Action action) {
    return std::any_of(roles.begin(), roles.end(), [&](const QString &role) {
        return security::allowed(role, QLatin1String(table), action);
    });
}

/// "owner", "agronomist and inspector"… for "Acting as …" labels.
inline QString rolesText(const QStringList &roles) {
    return roles.join(QStringLiteral(", "));
}

} // namespace agro::ui

#pragma once

#include "common/result.h"

#include <QCoroTask>
#include <QDate>
#include <QString>

#include <vector>

namespace agro::services {

/// One audit entry as the Audit view shows it.
struct AuditRow {
    qint64 seq = 0;
    QString at, actorId, actorName, action, entity, entityId, detailJson;
};

/// What the Audit view filters by; empty fields do not filter.
struct AuditFilter {
    QString action;   ///< prefix: "signin" matches signin, signin.failed, signin.throttled
    QString actor;    ///< user name (or "system")
    QDate from, to;   ///< inclusive, UTC days
    int limit = 5000; ///< newest first
};

/// The audit log for owners (docs/security.md, "Audit"): reading or exporting it as someone
/// who is not an owner on any farm is refused. Exports are themselves audited.
class AuditService {
public:
    static QCoro::Task<Result<std::vector<AuditRow>>> entries(QString workspace,
                                                              AuditFilter filter);
    /// Writes the filtered entries (all of them, oldest first) as CSV; returns the count.
    static QCoro::Task<Result<qint64>> exportCsv(QString workspace, AuditFilter filter,
                                                 QString file);
    /// Recomputes the hash chain (store::AuditLog::verify): entries checked, or the first
    /// broken entry in the error's detail.
    static QCoro::Task<Result<qint64>> verify(QString workspace);
    /// The distinct actions recorded so far, for the filter's list.
    static QCoro::Task<Result<QStringList>> actions(QString workspace);
};

} // namespace agro::services

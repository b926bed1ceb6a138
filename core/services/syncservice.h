#pragma once

#include "common/result.h"
#include "sync/conflicts.h"

#include <QCoroTask>
#include <QString>

#include <vector>

namespace agro::services {

/// The sync settings a workspace keeps (not secret: the token lives in the keychain).
struct SyncSettings {
    QString server;
    QString account;
    QString caFile;
};

/// The desktop's sync bookkeeping off the UI thread: settings, the pending count, the log,
/// and the conflicts with their restore and keep actions.
class SyncService {
public:
    static QCoro::Task<Result<SyncSettings>> settings(QString workspace);
    static QCoro::Task<Result<void>> saveSettings(QString workspace, SyncSettings s);
    static QCoro::Task<Result<std::int64_t>> pendingCount(QString workspace);
    static QCoro::Task<Result<void>> logError(QString workspace, QString message);
    static QCoro::Task<Result<std::vector<sync::SyncLogEntry>>> log(QString workspace);
    static QCoro::Task<Result<std::vector<sync::Conflict>>> conflicts(QString workspace,
                                                                      QString status);
    static QCoro::Task<Result<void>> restore(QString workspace, qint64 conflictId);
    static QCoro::Task<Result<void>> keep(QString workspace, qint64 conflictId);
};

} // namespace agro::services

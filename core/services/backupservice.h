#pragma once

#include "store/backup.h"

#include <QCoroTask>

#include <optional>

namespace agro::services {

/// Restores `from` into `workspace` (keeping the current content as `safetyCopy`) and records
/// the restore in the audit log, acting as `actorId` ("system" for the command line).
Result<store::BackupSummary> restoreBackup(const QString &workspace, const QString &from,
                                           const QString &safetyCopy, const QString &actorId);

/// Backups off the UI thread (docs/security.md, "Backups").
class BackupService {
public:
    /// A backup into the rotation folder now, dropping the oldest beyond `keep`.
    static QCoro::Task<Result<store::BackupSummary>> backUpNow(QString workspace, QString folder,
                                                               int keep);
    /// Takes one only when the newest backup in `folder` is older than `maxAgeSecs` (or there
    /// is none): the app calls this on opening a workspace and every hour.
    static QCoro::Task<Result<std::optional<store::BackupSummary>>>
    automatic(QString workspace, QString folder, int keep, qint64 maxAgeSecs);
    /// `verifyIntegrity` false: counts only (for the open workspace beside a backup).
    static QCoro::Task<Result<store::BackupSummary>> describe(QString backupPath,
                                                              bool verifyIntegrity = true);
    /// On the writer thread, so no edit interleaves. The current content goes to the rotation
    /// folder first, as "<name>-before-restore-<time>.agrodesk-backup".
    static QCoro::Task<Result<store::BackupSummary>> restore(QString workspace, QString from,
                                                             QString folder, QString actorId);
};

} // namespace agro::services

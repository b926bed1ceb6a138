#include "backupservice.h"

#include "actor.h"
#include "store/auditlog.h"
#include "store/workspace.h"
#include "worker.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace agro::services {

Result<store::BackupSummary> restoreBackup(const QString &workspace, const QString &from,
                                           const QString &safetyCopy, const QString &actorId) {
    {
        // Restoring replaces everyone's work: an owner's decision (the app and the CLI alike).
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        AGRO_TRY(requireOwner(db.value(), QStringLiteral("restore a backup")));
    }
    auto restored = store::Backup::restore(workspace, from, safetyCopy);
    if (!restored.ok())
        return restored.error();
    auto db = store::Workspace::connect(workspace);
    if (!db.ok())
        return db.error();
    auto tx = store::Transaction::begin(db.value());
    if (!tx.ok())
        return tx.error();
    QJsonObject detail{{QStringLiteral("from"), QFileInfo(from).absoluteFilePath()},
                       {QStringLiteral("backup_workspace_id"), restored->workspaceId}};
    if (!safetyCopy.isEmpty())
        detail.insert(QStringLiteral("safety_copy"), QFileInfo(safetyCopy).absoluteFilePath());
    store::AuditEntry entry;
    entry.actor = actorId;
    entry.action = QStringLiteral("workspace.restore");
    entry.detailJson = QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact));
    AGRO_TRY(store::AuditLog::append(db.value(), entry));
    AGRO_TRY(tx->commit());
    return restored;
}

QCoro::Task<Result<store::BackupSummary>> BackupService::backUpNow(QString workspace,
                                                                   QString folder, int keep) {
    auto work = [workspace, folder, keep]() {
        return store::BackupRotation::takeAndRotate(workspace, folder, keep,
                                                    QDateTime::currentDateTimeUtc());
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<std::optional<store::BackupSummary>>>
BackupService::automatic(QString workspace, QString folder, int keep, qint64 maxAgeSecs) {
    auto work = [workspace, folder, keep,
                 maxAgeSecs]() -> Result<std::optional<store::BackupSummary>> {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const auto existing = store::BackupRotation::list(workspace, folder);
        if (!existing.empty() && QFileInfo(existing.back()).lastModified().secsTo(now) < maxAgeSecs)
            return std::optional<store::BackupSummary>();
        auto taken = store::BackupRotation::takeAndRotate(workspace, folder, keep, now);
        if (!taken.ok())
            return taken.error();
        return std::optional<store::BackupSummary>(taken.value());
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<store::BackupSummary>> BackupService::describe(QString backupPath,
                                                                  bool verifyIntegrity) {
    auto work = [backupPath, verifyIntegrity]() {
        return store::Backup::describe(backupPath, verifyIntegrity);
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<store::BackupSummary>> BackupService::restore(QString workspace, QString from,
                                                                 QString folder, QString actorId) {
    auto work = [workspace, from, folder, actorId]() -> Result<store::BackupSummary> {
        if (!QDir().mkpath(folder)) {
            Error e = Error::make(ErrorCode::Io, QStringLiteral("could not create the folder"));
            e.file = folder;
            return e;
        }
        const QString safety = QDir(folder).filePath(
            QFileInfo(workspace).completeBaseName() + QStringLiteral("-before-restore-") +
            QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss")) +
            store::BackupRotation::fileSuffix());
        return restoreBackup(workspace, from, safety, actorId);
    };
    auto task = onWriter(std::move(work));
    auto result = co_await task;
    co_return result;
}

} // namespace agro::services

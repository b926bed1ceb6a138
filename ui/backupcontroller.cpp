#include "backupcontroller.h"

#include "appsettings.h"
#include "restorebackupdialog.h"
#include "services/actor.h"
#include "services/backupservice.h"

#include <QCoroTask>
#include <QDir>
#include <QFileDialog>
#include <QTimer>
#include <QWidget>

namespace agro::ui {

namespace {
constexpr qint64 kDailySecs = 24 * 3600;

/// Restores as the acting person, so the audit entry names them.
QCoro::Task<Result<store::BackupSummary>> restoreAsActor(QString workspace, QString from,
                                                         QString folder) {
    auto actorTask = services::ActorService::defaultActor(workspace);
    auto actor = co_await actorTask;
    const QString actorId = actor.ok() ? actor->userId : QStringLiteral("system");
    auto restoreTask = services::BackupService::restore(workspace, from, folder, actorId);
    auto result = co_await restoreTask;
    co_return result;
}
} // namespace

BackupController::BackupController(AppSettings &settings, QWidget *window)
    : QObject(window)
    , m_settings(settings)
    , m_window(window)
    , m_timer(new QTimer(this)) {
    m_timer->setInterval(3600 * 1000);
    connect(m_timer, &QTimer::timeout, this, &BackupController::backUpIfDue);
}

void BackupController::setWorkspace(const QString &path, const QString &workspaceId) {
    m_workspace = path;
    m_workspaceId = workspaceId;
    m_timer->start();
    backUpIfDue();
}

QString BackupController::folder() const {
    return store::BackupRotation::defaultFolder(m_workspace);
}

void BackupController::backUpIfDue() {
    if (m_workspace.isEmpty() || m_busy)
        return;
    m_busy = true;
    QCoro::connect(
        services::BackupService::automatic(m_workspace, folder(), m_settings.backupKeep(),
                                           kDailySecs),
        this, [this](const Result<std::optional<store::BackupSummary>> &r) {
            m_busy = false;
            if (!r.ok()) {
                Q_EMIT message(tr("Automatic backup failed: %1").arg(errorText(r.error())));
                return;
            }
            if (r.value())
                Q_EMIT message(
                    tr("Automatic backup saved to %1").arg(QDir::toNativeSeparators((*r)->path)));
        });
}

void BackupController::backUpNow() {
    if (m_workspace.isEmpty())
        return;
    Q_EMIT message(tr("Backing up…"));
    QCoro::connect(
        services::BackupService::backUpNow(m_workspace, folder(), m_settings.backupKeep()), this,
        [this](const Result<store::BackupSummary> &r) {
            if (!r.ok()) {
                Q_EMIT failed(tr("Backup failed"), errorText(r.error()));
                return;
            }
            Q_EMIT message(tr("Backup saved to %1 (integrity checked)")
                               .arg(QDir::toNativeSeparators(r->path)));
        });
}

void BackupController::restoreFromBackup() {
    if (m_workspace.isEmpty())
        return;
    const QString start = QDir(folder()).exists() ? folder() : QFileInfo(m_workspace).path();
    const QString file = QFileDialog::getOpenFileName(
        m_window, tr("Restore from Backup"), start,
        tr("AgroDesk backups (*%1);;All files (*)").arg(store::BackupRotation::fileSuffix()));
    if (!file.isEmpty())
        restoreFile(file);
}

void BackupController::restoreFile(const QString &file) {
    auto *dialog = new RestoreBackupDialog(m_workspace, m_workspaceId, file, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, file] {
        const QString workspace = m_workspace;
        Q_EMIT message(tr("Restoring…"));
        QCoro::connect(restoreAsActor(workspace, file, folder()), this,
                       [this, workspace](const Result<store::BackupSummary> &r) {
                           if (!r.ok()) {
                               Q_EMIT failed(tr("Restore failed; nothing was changed"),
                                             errorText(r.error()));
                               return;
                           }
                           Q_EMIT restored(workspace);
                       });
    });
    dialog->open();
}

} // namespace agro::ui

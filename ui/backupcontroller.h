#pragma once

#include <QObject>
#include <QString>

class QTimer;
class QWidget;

namespace agro::ui {

class AppSettings;

/// Backups of the open workspace: File → Back Up Now and Restore from Backup…, and the
/// automatic rotating backups — one when a workspace opens and then every hour whenever the
/// newest is older than a day, keeping the last AppSettings::backupKeep() in
/// "<workspace name>-backups" beside the workspace (docs/security.md, "Backups").
class BackupController : public QObject {
    Q_OBJECT
public:
    BackupController(AppSettings &settings, QWidget *window);

    void setWorkspace(const QString &path, const QString &workspaceId);
    QString folder() const;
    void backUpNow();
    /// Asks for a backup file (starting in the backup folder), previews it, restores.
    void restoreFromBackup();
    /// Restores `file` after the preview dialog, without asking for the file (tests).
    void restoreFile(const QString &file);
    /// Takes the automatic backup if one is due.
    void backUpIfDue();

Q_SIGNALS:
    void message(const QString &text);
    void failed(const QString &title, const QString &text);
    /// The workspace's content was replaced: reopen it.
    void restored(const QString &workspace);

private:
    AppSettings &m_settings;
    QWidget *m_window;
    QTimer *m_timer;
    QString m_workspace, m_workspaceId;
    bool m_busy = false;
};

} // namespace agro::ui

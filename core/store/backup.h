#pragma once

#include "common/progress.h"
#include "sqlite.h"

#include <QDateTime>
#include <QString>

#include <vector>

namespace agro::store {

/// What a backup file holds, for the restore preview: enough to recognise the right one.
struct BackupSummary {
    QString path;
    QString workspaceId;
    int schemaVersion = 0;
    QString demoPreset; ///< empty for real data
    QDateTime takenAt;  ///< when the file was written, UTC
    qint64 bytes = 0;
    struct Count {
        QString table;
        qint64 rows = 0;
    };
    std::vector<Count> counts; ///< the main tables, in a fixed order
    QString lastChange;        ///< ISO time of the newest recorded edit, if any
};

/// Copies of a workspace made with SQLite's online backup API (sqlite.org/backup.html): the
/// copy is one consistent snapshot even while other connections write, because the API
/// restarts a step whenever the source changes under it. Each copy is written to a temporary
/// file, checked with `PRAGMA integrity_check`, then renamed into place, so a half-written
/// backup never carries the final name.
class Backup {
public:
    /// Writes a snapshot of `workspace` to `outPath` (replacing it). Progress in pages.
    static Result<BackupSummary> take(const QString &workspace, const QString &outPath,
                                      Progress *progress = nullptr);
    /// Opens a backup read-only and describes it; refuses files that are not a sound
    /// workspace (integrity_check fails, no schema, or a schema newer than this build).
    /// `verifyIntegrity` false skips the (whole-file) integrity check: for counting a live
    /// workspace beside a backup.
    static Result<BackupSummary> describe(const QString &backupPath, bool verifyIntegrity = true);
    /// Replaces the workspace's content with the backup's, through the backup API into the
    /// live file (other connections see either the old or the new content, never a mix).
    /// First saves the current content beside it as `safetyCopyPath` (when not empty), so a
    /// restore can itself be undone. Older schemas are migrated after the copy.
    static Result<BackupSummary> restore(const QString &workspace, const QString &backupPath,
                                         const QString &safetyCopyPath);
};

/// Automatic backups kept in one folder: "<workspace name>-<UTC time>.agrodesk-backup",
/// newest last; taking one deletes the oldest beyond `keep`.
class BackupRotation {
public:
    static QString defaultFolder(const QString &workspace); ///< "<dir>/<name>-backups"
    static Result<BackupSummary> takeAndRotate(const QString &workspace, const QString &folder,
                                               int keep, const QDateTime &now);
    /// The folder's backups of `workspace`, oldest first.
    static std::vector<QString> list(const QString &workspace, const QString &folder);
    static QString fileSuffix() { return QStringLiteral(".agrodesk-backup"); }
};

} // namespace agro::store

#pragma once

#include "store/backup.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QTableWidget;

namespace agro::ui {

/// File → Restore from Backup…: what the chosen backup holds (when it was taken, which
/// workspace, how many farms, plantings, sales rows… beside the open workspace's numbers)
/// before anything is replaced. Restore is enabled once the preview has loaded; the current
/// content is kept as a backup first, so the restore can itself be undone.
class RestoreBackupDialog : public QDialog {
    Q_OBJECT
public:
    RestoreBackupDialog(const QString &workspace, const QString &workspaceId,
                        const QString &backupPath, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QLabel *summaryLabel() const { return m_summary; }
    QLabel *warningLabel() const { return m_warning; }
    bool previewLoaded() const { return m_loaded; }
    /// A table name as people say it ("sales_daily" → "Daily sales rows").
    static QString tableTitle(const QString &table);

Q_SIGNALS:
    void previewReady();

private:
    void showPreview(const store::BackupSummary &backup, const store::BackupSummary &current);
    QString m_workspaceId;
    QLabel *m_summary;
    QLabel *m_warning;
    QTableWidget *m_table;
    QDialogButtonBox *m_buttons;
    bool m_loaded = false;
};

} // namespace agro::ui

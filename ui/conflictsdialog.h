#pragma once

#include "sync/conflicts.h"

#include <QDialog>

#include <vector>

class QLabel;
class QPushButton;
class QTableWidget;

namespace agro::ui {

/// Sync → Conflicts and Log: every value a merge replaced with a concurrent one, beside the
/// winning value, with who, when and from which device; Restore makes the lost value current
/// again (a new edit that syncs), Keep marks it seen. The second tab is the sync log.
class ConflictsDialog : public QDialog {
    Q_OBJECT
public:
    ConflictsDialog(QString workspace, QWidget *parent = nullptr);

    void reload();
    QTableWidget *conflictsTable() const { return m_conflicts; }
    QTableWidget *logTable() const { return m_log; }
    QPushButton *restoreButton() const { return m_restore; }
    QPushButton *keepButton() const { return m_keep; }
    QString message() const;

Q_SIGNALS:
    void loaded();
    void changed(); ///< a value was restored: the pages may refresh

private:
    void act(bool restore);
    QString m_workspace;
    std::vector<sync::Conflict> m_rows;
    QTableWidget *m_conflicts, *m_log;
    QPushButton *m_restore, *m_keep;
    QLabel *m_message;
};

} // namespace agro::ui

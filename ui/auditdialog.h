#pragma once

#include "services/auditservice.h"

#include <QDialog>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace agro::ui {

/// File → Audit Log… (owners): who did what and when — sign-ins and failed ones, people and
/// role changes, permission refusals, exports, settings changes, decisions, restores —
/// filtered by action, person and days, newest first; export of the filtered entries as CSV
/// (itself audited) and a check of the hash chain.
class AuditDialog : public QDialog {
    Q_OBJECT
public:
    AuditDialog(const QString &workspace, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QComboBox *actionBox() const { return m_action; }
    QLineEdit *actorEdit() const { return m_actor; }
    QLabel *statusLabel() const { return m_status; }
    services::AuditFilter filter() const;
    void reload();
    /// Writes the filtered entries to `file` (the Export button asks for it).
    void exportTo(const QString &file);
    void verifyChain();

Q_SIGNALS:
    void loaded(int rows);
    void exported(bool ok);
    void verified(bool ok);

private:
    QString m_workspace;
    QComboBox *m_action;
    QLineEdit *m_actor;
    QDateEdit *m_from, *m_to;
    QTableWidget *m_table;
    QLabel *m_status;
    QPushButton *m_export, *m_verify;
};

} // namespace agro::ui

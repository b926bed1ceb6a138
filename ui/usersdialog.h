#pragma once

#include "services/userservice.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace agro::ui {

/// Settings → Users: the workspace's people and their role on each farm. Owners add people,
/// set or remove roles, disable accounts and choose whether the workspace asks who is using
/// it; anyone may set their own password. The service checks the same rules (the buttons
/// only reflect them), and every change is audited.
class UsersDialog : public QDialog {
    Q_OBJECT
public:
    UsersDialog(const QString &workspace, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QCheckBox *requireSignInBox() const { return m_require; }
    QPushButton *addButton() const { return m_add; }
    QLabel *statusLabel() const { return m_status; }
    void reload();
    /// The selected person's id, or empty.
    QString selectedUser() const;
    /// Sets (or with an empty role, removes) the selected person's role on a farm.
    void setRole(const QString &farmId, const QString &role);

Q_SIGNALS:
    void loaded();
    void changed();

private:
    void updateButtons();
    void report(const Result<void> &r, const QString &done);
    void askRole();
    void askPassword();
    QString m_workspace;
    services::UserService::Overview m_overview;
    QCheckBox *m_require;
    QTableWidget *m_table;
    QLabel *m_status;
    QPushButton *m_add, *m_role, *m_password, *m_disable;
};

} // namespace agro::ui

#pragma once

#include "store/workspace.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace agro::ui {

/// File → New Workspace…: where the file goes, its first farm (name and currency), and the
/// person who owns it (user name, name shown, password typed twice). The workspace starts
/// with that one owner, who adds everyone else in Settings → Users.
class NewWorkspaceDialog : public QDialog {
    Q_OBJECT
public:
    explicit NewWorkspaceDialog(const QString &folder, QWidget *parent = nullptr);

    QLineEdit *fileEdit() const { return m_file; }
    QLineEdit *farmEdit() const { return m_farm; }
    QComboBox *currencyBox() const { return m_currency; }
    QLineEdit *usernameEdit() const { return m_username; }
    QLineEdit *displayNameEdit() const { return m_displayName; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLineEdit *repeatEdit() const { return m_repeat; }
    QPushButton *createButton() const { return m_create; }
    QString message() const;

Q_SIGNALS:
    void created(const agro::store::WorkspaceInfo &workspace);
    void attemptFinished(bool ok);

private:
    void attempt();
    QLineEdit *m_file, *m_farm, *m_username, *m_displayName, *m_password, *m_repeat;
    QComboBox *m_currency;
    QLabel *m_message;
    QPushButton *m_create;
};

} // namespace agro::ui

#pragma once

#include <QDialog>

#include <utility>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace agro::ui {

/// Settings → Users → Add Person…: a user name, the name shown, a password typed twice, and
/// a role on one farm. The password rules are checked by the service; their message shows
/// here and nothing is saved until they pass.
class AddPersonDialog : public QDialog {
    Q_OBJECT
public:
    AddPersonDialog(const QString &workspace, const std::vector<std::pair<QString, QString>> &farms,
                    QWidget *parent = nullptr);

    QLineEdit *usernameEdit() const { return m_username; }
    QLineEdit *displayNameEdit() const { return m_displayName; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLineEdit *repeatEdit() const { return m_repeat; }
    QComboBox *farmBox() const { return m_farm; }
    QComboBox *roleBox() const { return m_role; }
    QPushButton *addButton() const { return m_add; }
    QString message() const;

Q_SIGNALS:
    void added(const QString &userId);
    void attemptFinished(bool ok);

private:
    void attempt();
    QString m_workspace;
    QLineEdit *m_username, *m_displayName, *m_password, *m_repeat;
    QComboBox *m_farm, *m_role;
    QLabel *m_message;
    QPushButton *m_add;
};

} // namespace agro::ui

#pragma once

#include "security/sessions.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace agro::ui {

/// Asks who is using the workspace, or — to unlock — the locked person's password. The check
/// (scrypt, a few hundred milliseconds) runs on the writer thread; wrong passwords back off
/// as services::SignInPolicy says, and the dialog shows how long to wait. Its other button is
/// Quit AgroDesk (rejected()): the app stays covered until someone signs in.
class SignInDialog : public QDialog {
    Q_OBJECT
public:
    /// `lockedUser` empty: choose among `usernames`; else unlock that person.
    SignInDialog(const QString &workspace, const QStringList &usernames, const QString &lockedUser,
                 QWidget *parent = nullptr);

    QComboBox *userBox() const { return m_user; }
    QLineEdit *passwordEdit() const { return m_password; }
    QPushButton *signInButton() const { return m_signIn; }
    QString message() const;

Q_SIGNALS:
    void signedIn(const agro::security::Principal &who);
    /// A check finished (either way): for tests.
    void attemptFinished(bool ok);

protected:
    /// Escape does nothing: leaving is "Quit AgroDesk", never an accident.
    void keyPressEvent(QKeyEvent *event) override;

private:
    void attempt();
    QString m_workspace;
    QComboBox *m_user;
    QLineEdit *m_password;
    QLabel *m_message;
    QPushButton *m_signIn;
};

} // namespace agro::ui

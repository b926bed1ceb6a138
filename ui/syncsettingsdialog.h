#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace agro::ui {

class SyncController;

/// Settings → Sync: the server's address, the account and its password (used once, to sign
/// in; only the session token is kept, in the keychain), an optional certificate to trust
/// instead of the system's authorities, and sign in / sign out / sync now.
class SyncSettingsDialog : public QDialog {
    Q_OBJECT
public:
    SyncSettingsDialog(SyncController &sync, QWidget *parent = nullptr);

    QLineEdit *serverEdit() const { return m_server; }
    QLineEdit *accountEdit() const { return m_account; }
    QLineEdit *passwordEdit() const { return m_password; }
    QPushButton *signInButton() const { return m_signIn; }
    QString message() const;

private:
    void refresh();
    SyncController &m_sync;
    QLineEdit *m_server, *m_account, *m_password, *m_ca;
    QPushButton *m_signIn, *m_signOut, *m_syncNow;
    QLabel *m_status, *m_message;
};

} // namespace agro::ui

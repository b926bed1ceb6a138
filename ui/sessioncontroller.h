#pragma once

#include "lockveil.h"
#include "security/sessions.h"
#include "signindialog.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <optional>

class QTimer;

namespace agro::ui {

class AppSettings;

/// Who is using the open workspace, and the lock. When the workspace requires sign-in, every
/// window is covered (LockVeil) and a SignInDialog asks who it is; otherwise the app acts as
/// the first owner. Lock (Ctrl+L, or after AppSettings::lockAfterMinutes() without keyboard
/// or mouse input) covers every window the same way — nothing is closed, so an unsaved form
/// is exactly as it was after unlocking. Locks and unlocks are audited; sign-ins are audited
/// by the service.
class SessionController : public QObject {
    Q_OBJECT
public:
    SessionController(AppSettings &settings, QWidget *window);
    ~SessionController() override;

    void setWorkspace(const QString &path);
    std::optional<security::Principal> who() const { return m_who; }
    bool isLocked() const { return !m_veils.isEmpty(); }
    /// Only someone with a password can unlock: otherwise lock() explains and does nothing.
    bool canLock() const { return m_who && m_usernames.contains(m_who->username); }
    void lock();
    SignInDialog *dialog() const { return m_dialog; }

Q_SIGNALS:
    /// The workspace may be shown: someone signed in, or sign-in is not required (then who()
    /// is the first owner, or nobody in a workspace without people yet).
    void ready();
    void lockedChanged(bool locked);
    void message(const QString &text);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void cover(const QString &text);
    void uncover();
    void askWho(const QString &lockedUser);
    void audit(const QString &action);
    AppSettings &m_settings;
    QWidget *m_window;
    QTimer *m_idle;
    QString m_workspace;
    QStringList m_usernames;
    std::optional<security::Principal> m_who;
    QList<QPointer<LockVeil>> m_veils;
    QPointer<SignInDialog> m_dialog;
};

} // namespace agro::ui

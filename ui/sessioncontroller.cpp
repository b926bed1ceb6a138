#include "sessioncontroller.h"

#include "appsettings.h"
#include "lockveil.h"
#include "services/signin.h"
#include "signindialog.h"

#include <QApplication>
#include <QCoroTask>
#include <QEvent>
#include <QFileInfo>
#include <QTimer>
#include <QWidget>

namespace agro::ui {

SessionController::SessionController(AppSettings &settings, QWidget *window)
    : QObject(window)
    , m_settings(settings)
    , m_window(window)
    , m_idle(new QTimer(this)) {
    m_idle->setSingleShot(true);
    connect(m_idle, &QTimer::timeout, this, [this] {
        if (canLock() && !isLocked())
            lock();
    });
    qApp->installEventFilter(this);
}

SessionController::~SessionController() {
    qApp->removeEventFilter(this);
}

bool SessionController::eventFilter(QObject *watched, QEvent *event) {
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::Wheel:
        if (const int minutes = m_settings.lockAfterMinutes(); minutes > 0 && !isLocked())
            m_idle->start(minutes * 60 * 1000);
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

void SessionController::setWorkspace(const QString &path) {
    if (!m_workspace.isEmpty() && m_workspace != path)
        security::Sessions::signOut(m_workspace);
    m_workspace = path;
    m_who.reset();
    QCoro::connect(services::SignInService::prepare(path), this,
                   [this, path](const Result<services::SignInState> &r) {
                       if (path != m_workspace)
                           return;
                       if (!r.ok()) {
                           Q_EMIT message(errorText(r.error()));
                           return;
                       }
                       m_usernames = r->usernames;
                       if (const int minutes = m_settings.lockAfterMinutes(); minutes > 0)
                           m_idle->start(minutes * 60 * 1000);
                       if (!r->required) {
                           uncover();
                           m_who = r->who;
                           Q_EMIT ready();
                           return;
                       }
                       cover(tr("%1 asks who is using it").arg(QFileInfo(path).fileName()));
                       askWho(QString());
                   });
}

void SessionController::lock() {
    if (isLocked())
        return;
    if (!canLock()) {
        Q_EMIT message(tr("Locking needs a password: set one for %1 in Settings → Users.")
                           .arg(m_who ? m_who->username : tr("you")));
        return;
    }
    cover(tr("AgroDesk is locked"));
    audit(QStringLiteral("app.lock"));
    askWho(m_who->username);
}

void SessionController::audit(const QString &action) {
    QCoro::connect(services::SignInService::audit(m_workspace, action), this,
                   [this](const Result<void> &r) {
                       if (!r.ok())
                           Q_EMIT message(errorText(r.error()));
                   });
}

void SessionController::cover(const QString &text) {
    if (isLocked())
        return;
    for (QWidget *w : QApplication::topLevelWidgets())
        if ((w->isVisible() || w == m_window) && !qobject_cast<SignInDialog *>(w)) {
            auto *veil = new LockVeil(w, text);
            connect(veil, &LockVeil::signInRequested, this,
                    [this] { askWho(m_who ? m_who->username : QString()); });
            m_veils << veil;
        }
    Q_EMIT lockedChanged(true);
}

void SessionController::uncover() {
    if (!isLocked())
        return;
    for (const QPointer<LockVeil> &v : std::as_const(m_veils))
        delete v.data();
    m_veils.clear();
    Q_EMIT lockedChanged(false);
}

void SessionController::askWho(const QString &lockedUser) {
    if (SignInDialog *open = m_dialog.data(); open && open->isVisible()) {
        open->raise();
        return;
    }
    auto *dialog = new SignInDialog(m_workspace, m_usernames, lockedUser, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::ApplicationModal);
    const bool unlocking = !lockedUser.isEmpty();
    connect(dialog, &SignInDialog::signedIn, this,
            [this, unlocking](const security::Principal &who) {
                m_dialog = nullptr; // it closes itself
                m_who = who;
                uncover();
                if (unlocking)
                    audit(QStringLiteral("app.unlock"));
                else
                    Q_EMIT ready();
            });
    connect(dialog, &QDialog::rejected, qApp, &QApplication::closeAllWindows);
    m_dialog = dialog;
    dialog->open();
}

} // namespace agro::ui

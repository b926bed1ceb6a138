#include "signindialog.h"

#include "services/signin.h"

#include <QComboBox>
#include <QCoroTask>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace agro::ui {

SignInDialog::SignInDialog(const QString &workspace, const QStringList &usernames,
                           const QString &lockedUser, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_user(new QComboBox(this))
    , m_password(new QLineEdit(this))
    , m_message(new QLabel(this)) {
    setWindowTitle(lockedUser.isEmpty() ? tr("Sign In") : tr("Unlock"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        lockedUser.isEmpty()
            ? tr("<b>%1</b> asks who is using it.")
                  .arg(QFileInfo(workspace).fileName().toHtmlEscaped())
            : tr("AgroDesk is locked. Your unsaved work is kept; enter your password to go on."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    m_user->setEditable(lockedUser.isEmpty());
    m_user->addItems(lockedUser.isEmpty() ? usernames : QStringList{lockedUser});
    m_user->setEnabled(lockedUser.isEmpty());
    form->addRow(tr("&User:"), m_user);
    m_password->setEchoMode(QLineEdit::Password);
    form->addRow(tr("&Password:"), m_password);
    layout->addLayout(form);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #a33;"));
    layout->addWidget(m_message);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(tr("&Quit AgroDesk"), QDialogButtonBox::RejectRole);
    m_signIn = buttons->addButton(lockedUser.isEmpty() ? tr("&Sign In") : tr("&Unlock"),
                                  QDialogButtonBox::AcceptRole);
    m_signIn->setDefault(true);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_signIn, &QPushButton::clicked, this, &SignInDialog::attempt);
    m_password->setFocus();
    setMinimumWidth(380);
}

void SignInDialog::keyPressEvent(QKeyEvent *event) {
    if (event->key() == Qt::Key_Escape)
        return;
    QDialog::keyPressEvent(event);
}

QString SignInDialog::message() const {
    return m_message->text();
}

void SignInDialog::attempt() {
    const QString user = m_user->currentText().trimmed();
    if (user.isEmpty() || m_password->text().isEmpty()) {
        m_message->setText(tr("Enter your user name and password."));
        return;
    }
    m_signIn->setEnabled(false);
    m_message->setText(tr("Checking…"));
    QCoro::connect(services::SignInService::signIn(m_workspace, user, m_password->text()), this,
                   [this](const Result<services::SignInResult> &r) {
                       m_signIn->setEnabled(true);
                       m_password->clear();
                       if (!r.ok()) {
                           m_message->setText(
                               r.error().code == ErrorCode::SignInThrottled
                                   ? tr("Too many wrong passwords. Try again in %n second(s).",
                                        nullptr, r.error().detail.toInt())
                                   : errorText(r.error()));
                           Q_EMIT attemptFinished(false);
                           return;
                       }
                       m_message->clear();
                       Q_EMIT signedIn(r->who);
                       Q_EMIT attemptFinished(true);
                       accept();
                   });
}

} // namespace agro::ui

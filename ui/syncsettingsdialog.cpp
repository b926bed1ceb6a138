#include "syncsettingsdialog.h"

#include "synccontroller.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace agro::ui {

SyncSettingsDialog::SyncSettingsDialog(SyncController &sync, QWidget *parent)
    : QDialog(parent)
    , m_sync(sync)
    , m_server(new QLineEdit(this))
    , m_account(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_ca(new QLineEdit(this))
    , m_signIn(new QPushButton(tr("&Sign In"), this))
    , m_signOut(new QPushButton(tr("Sign &Out"), this))
    , m_syncNow(new QPushButton(tr("Sync &Now"), this))
    , m_status(new QLabel(this))
    , m_message(new QLabel(this)) {
    setWindowTitle(tr("Sync"));
    m_server->setPlaceholderText(tr("https://sync.example.org:8443"));
    m_server->setText(sync.server());
    m_account->setText(sync.account());
    m_password->setEchoMode(QLineEdit::Password);
    m_ca->setText(sync.caFile());
    m_ca->setPlaceholderText(tr("Optional: trust only this certificate (PEM)"));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Certificate to trust"), {},
                                                       tr("PEM certificates (*.pem *.crt)"));
        if (!f.isEmpty())
            m_ca->setText(f);
    });
    auto *caRow = new QHBoxLayout;
    caRow->addWidget(m_ca, 1);
    caRow->addWidget(browse);
    auto *form = new QFormLayout;
    form->addRow(tr("Server:"), m_server);
    form->addRow(tr("Account:"), m_account);
    form->addRow(tr("Password:"), m_password);
    form->addRow(tr("Certificate:"), caRow);
    m_status->setWordWrap(true);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_signIn, QDialogButtonBox::ActionRole);
    buttons->addButton(m_signOut, QDialogButtonBox::ActionRole);
    buttons->addButton(m_syncNow, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_signIn->setDefault(true);

    connect(m_signIn, &QPushButton::clicked, this, [this] {
        if (m_server->text().trimmed().isEmpty() || m_account->text().trimmed().isEmpty() ||
            m_password->text().isEmpty()) {
            m_message->setText(tr("Give the server, the account and its password."));
            return;
        }
        m_signIn->setEnabled(false);
        m_message->setText(tr("Signing in…"));
        m_sync.signIn(m_server->text(), m_account->text().trimmed(), m_password->text(),
                      m_ca->text().trimmed());
    });
    connect(&m_sync, &SyncController::signInFinished, this, [this](bool ok, const QString &msg) {
        m_signIn->setEnabled(true);
        m_password->clear(); // the password is not kept, anywhere
        m_message->setText(ok ? tr("Signed in.") : msg);
        refresh();
    });
    connect(m_signOut, &QPushButton::clicked, this, [this] {
        m_sync.signOut();
        m_message->setText(tr("Signed out: the session was ended and removed from the keychain."));
    });
    connect(m_syncNow, &QPushButton::clicked, this, [this] { m_sync.syncNow(); });
    connect(&m_sync, &SyncController::statusChanged, this, &SyncSettingsDialog::refresh);
    connect(&m_sync, &SyncController::roundFinished, this,
            [this](bool, const QString &msg) { m_message->setText(msg); });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(m_message);
    layout->addStretch(1);
    layout->addWidget(buttons);
    resize(560, 320);
    refresh();
}

QString SyncSettingsDialog::message() const {
    return m_message->text();
}

void SyncSettingsDialog::refresh() {
    using S = SyncController::State;
    const bool signedIn = m_sync.state() != S::NotSetUp && m_sync.state() != S::SignedOut;
    QString text = m_sync.statusText();
    if (!m_sync.keychainAvailable())
        text += QLatin1Char('\n') +
                tr("No keychain is available on this computer, so the session is not stored: "
                   "you will sign in each time AgroDesk starts.");
    m_status->setText(text);
    m_signOut->setEnabled(signedIn);
    m_syncNow->setEnabled(signedIn && m_sync.state() != S::Syncing);
}

} // namespace agro::ui

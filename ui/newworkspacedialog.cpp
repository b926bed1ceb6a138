#include "newworkspacedialog.h"

#include "security/passwordpolicy.h"
#include "services/workspaceservice.h"

#include <QComboBox>
#include <QCoroTask>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace agro::ui {

NewWorkspaceDialog::NewWorkspaceDialog(const QString &folder, QWidget *parent)
    : QDialog(parent)
    , m_file(new QLineEdit(QDir(folder).filePath(QStringLiteral("farm.agrodesk")), this))
    , m_farm(new QLineEdit(this))
    , m_username(new QLineEdit(this))
    , m_displayName(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_repeat(new QLineEdit(this))
    , m_currency(new QComboBox(this))
    , m_message(new QLabel(this)) {
    setWindowTitle(tr("New Workspace"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    auto *browse = new QPushButton(tr("&Browse…"), this);
    fileRow->addWidget(browse);
    form->addRow(tr("File:"), fileRow);
    connect(browse, &QPushButton::clicked, this, [this] {
        QString path = QFileDialog::getSaveFileName(this, tr("New Workspace"), m_file->text(),
                                                    tr("AgroDesk workspaces (*.agrodesk)"));
        if (path.isEmpty())
            return;
        if (!path.endsWith(QLatin1String(".agrodesk")))
            path += QStringLiteral(".agrodesk");
        m_file->setText(path);
    });
    m_farm->setPlaceholderText(tr("e.g. Hillside Farm"));
    form->addRow(tr("F&arm:"), m_farm);
    m_currency->setEditable(true);
    m_currency->addItems({QStringLiteral("EUR"), QStringLiteral("USD"), QStringLiteral("GBP"),
                          QStringLiteral("CHF"), QStringLiteral("CAD"), QStringLiteral("AUD"),
                          QStringLiteral("NZD"), QStringLiteral("ZAR"), QStringLiteral("BRL"),
                          QStringLiteral("INR")});
    form->addRow(tr("&Currency:"), m_currency);
    m_username->setPlaceholderText(tr("one word, e.g. maria"));
    form->addRow(tr("Your &user name:"), m_username);
    form->addRow(tr("Your &name:"), m_displayName);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(
        tr("at least %1 characters; a few words work well").arg(security::kMinPasswordLength));
    form->addRow(tr("&Password:"), m_password);
    m_repeat->setEchoMode(QLineEdit::Password);
    form->addRow(tr("&Repeat:"), m_repeat);
    layout->addLayout(form);
    auto *note = new QLabel(tr("You will own the workspace; add the people you work with in "
                               "Settings → Users."),
                            this);
    note->setWordWrap(true);
    layout->addWidget(note);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #a33;"));
    layout->addWidget(m_message);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_create = buttons->addButton(tr("C&reate"), QDialogButtonBox::AcceptRole);
    m_create->setDefault(true);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_create, &QPushButton::clicked, this, &NewWorkspaceDialog::attempt);
    setMinimumWidth(520);
}

QString NewWorkspaceDialog::message() const {
    return m_message->text();
}

void NewWorkspaceDialog::attempt() {
    QString path = m_file->text().trimmed();
    if (!path.isEmpty() && !path.endsWith(QLatin1String(".agrodesk")))
        path += QStringLiteral(".agrodesk");
    if (path.isEmpty() || m_farm->text().trimmed().isEmpty() ||
        m_username->text().trimmed().isEmpty()) {
        m_message->setText(tr("Give the file, the farm's name and your user name."));
        Q_EMIT attemptFinished(false);
        return;
    }
    if (m_password->text() != m_repeat->text()) {
        m_message->setText(tr("The two passwords differ."));
        Q_EMIT attemptFinished(false);
        return;
    }
    services::FirstOwner owner;
    owner.username = m_username->text();
    owner.displayName = m_displayName->text();
    owner.password = m_password->text();
    owner.farmName = m_farm->text();
    owner.currency = m_currency->currentText().trimmed().toUpper();
    m_create->setEnabled(false);
    m_message->setText(tr("Creating…"));
    QCoro::connect(services::WorkspaceService::create(path, owner), this,
                   [this](const Result<store::WorkspaceInfo> &r) {
                       m_create->setEnabled(true);
                       if (!r.ok()) {
                           m_message->setText(errorText(r.error()));
                           Q_EMIT attemptFinished(false);
                           return;
                       }
                       m_password->clear();
                       m_repeat->clear();
                       Q_EMIT created(r.value());
                       Q_EMIT attemptFinished(true);
                       accept();
                   });
}

} // namespace agro::ui

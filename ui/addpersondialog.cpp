#include "addpersondialog.h"

#include "security/passwordpolicy.h"
#include "security/permissions.h"
#include "services/userservice.h"

#include <QComboBox>
#include <QCoroTask>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace agro::ui {

AddPersonDialog::AddPersonDialog(const QString &workspace,
                                 const std::vector<std::pair<QString, QString>> &farms,
                                 QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_username(new QLineEdit(this))
    , m_displayName(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_repeat(new QLineEdit(this))
    , m_farm(new QComboBox(this))
    , m_role(new QComboBox(this))
    , m_message(new QLabel(this)) {
    setWindowTitle(tr("Add Person"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_username->setPlaceholderText(tr("one word, e.g. maria"));
    form->addRow(tr("&User name:"), m_username);
    form->addRow(tr("&Name shown:"), m_displayName);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(
        tr("at least %1 characters; a few words work well").arg(security::kMinPasswordLength));
    form->addRow(tr("&Password:"), m_password);
    m_repeat->setEchoMode(QLineEdit::Password);
    form->addRow(tr("&Repeat:"), m_repeat);
    for (const auto &[id, name] : farms)
        m_farm->addItem(name, id);
    form->addRow(tr("&Farm:"), m_farm);
    const QStringList roleNames = {tr("Owner"), tr("Manager"), tr("Agronomist"), tr("Inspector"),
                                   tr("Viewer")};
    for (int i = 0; i < security::roles().size(); ++i)
        m_role->addItem(roleNames.value(i), security::roles()[i]);
    m_role->setCurrentIndex(int(security::roles().indexOf(QStringLiteral("viewer"))));
    form->addRow(tr("R&ole:"), m_role);
    layout->addLayout(form);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #a33;"));
    layout->addWidget(m_message);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_add = buttons->addButton(tr("&Add"), QDialogButtonBox::AcceptRole);
    m_add->setDefault(true);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_add, &QPushButton::clicked, this, &AddPersonDialog::attempt);
    setMinimumWidth(440);
}

QString AddPersonDialog::message() const {
    return m_message->text();
}

void AddPersonDialog::attempt() {
    if (m_password->text() != m_repeat->text()) {
        m_message->setText(tr("The two passwords differ."));
        Q_EMIT attemptFinished(false);
        return;
    }
    m_add->setEnabled(false);
    m_message->setText(tr("Saving…"));
    QCoro::connect(services::UserService::add(
                       m_workspace, m_username->text(), m_displayName->text(), m_password->text(),
                       m_farm->currentData().toString(), m_role->currentData().toString()),
                   this, [this](const Result<QString> &r) {
                       m_add->setEnabled(true);
                       if (!r.ok()) {
                           QString text = errorText(r.error());
                           m_message->setText(text);
                           Q_EMIT attemptFinished(false);
                           return;
                       }
                       m_password->clear();
                       m_repeat->clear();
                       Q_EMIT added(r.value());
                       Q_EMIT attemptFinished(true);
                       accept();
                   });
}

} // namespace agro::ui

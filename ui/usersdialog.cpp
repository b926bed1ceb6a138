#include "usersdialog.h"

#include "addpersondialog.h"
#include "security/permissions.h"

#include <QCheckBox>
#include <QCoroTask>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace agro::ui {

UsersDialog::UsersDialog(const QString &workspace, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_require(new QCheckBox(tr("&Require sign-in for this workspace"), this))
    , m_table(new QTableWidget(0, 4, this))
    , m_status(new QLabel(this)) {
    setWindowTitle(tr("Users"));
    auto *layout = new QVBoxLayout(this);
    m_require->setToolTip(tr("Ask who is using AgroDesk when the workspace opens. On by "
                             "default once more than one person has a password."));
    layout->addWidget(m_require);
    m_table->setHorizontalHeaderLabels({tr("User"), tr("Name"), tr("Roles"), tr("Status")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    layout->addWidget(m_table, 1);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_add = buttons->addButton(tr("&Add Person…"), QDialogButtonBox::ActionRole);
    m_role = buttons->addButton(tr("Set R&ole…"), QDialogButtonBox::ActionRole);
    m_password = buttons->addButton(tr("Set &Password…"), QDialogButtonBox::ActionRole);
    m_disable = buttons->addButton(tr("&Disable"), QDialogButtonBox::ActionRole);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &UsersDialog::updateButtons);
    connect(m_add, &QPushButton::clicked, this, [this] {
        auto *d = new AddPersonDialog(m_workspace, m_overview.farms, this);
        d->setAttribute(Qt::WA_DeleteOnClose);
        connect(d, &AddPersonDialog::added, this, [this] {
            m_status->setText(tr("Added."));
            reload();
            Q_EMIT changed();
        });
        d->open();
    });
    connect(m_role, &QPushButton::clicked, this, &UsersDialog::askRole);
    connect(m_password, &QPushButton::clicked, this, &UsersDialog::askPassword);
    connect(m_disable, &QPushButton::clicked, this, [this] {
        const QString id = selectedUser();
        bool disabled = false;
        for (const auto &u : m_overview.users)
            if (u.id == id)
                disabled = u.disabled;
        QCoro::connect(services::UserService::setDisabled(m_workspace, id, !disabled), this,
                       [this, disabled](const Result<void> &r) {
                           report(r, disabled ? tr("Enabled.") : tr("Disabled."));
                       });
    });
    connect(m_require, &QCheckBox::clicked, this, [this](bool on) {
        QCoro::connect(services::UserService::setSignInRequired(m_workspace, on), this,
                       [this, on](const Result<void> &r) {
                           report(r, on ? tr("Sign-in is now required.")
                                        : tr("Sign-in is no longer required."));
                       });
    });
    resize(760, 420);
    reload();
}

QString UsersDialog::selectedUser() const {
    const auto rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return m_table->item(rows.front().row(), 0)->data(Qt::UserRole).toString();
}

void UsersDialog::reload() {
    QCoro::connect(services::UserService::overview(m_workspace), this,
                   [this](const Result<services::UserService::Overview> &r) {
                       if (!r.ok()) {
                           m_status->setText(errorText(r.error()));
                           return;
                       }
                       m_overview = r.value();
                       const QString selected = selectedUser();
                       m_table->setRowCount(int(m_overview.users.size()));
                       for (int i = 0; i < int(m_overview.users.size()); ++i) {
                           const auto &u = m_overview.users[size_t(i)];
                           QStringList roles;
                           for (const auto &role : u.roles)
                               roles << tr("%1 on %2").arg(role.role, role.farmName);
                           QString status = u.disabled ? tr("disabled") : tr("active");
                           if (!u.hasPassword)
                               status += tr(", no password");
                           const QStringList cells = {u.username, u.displayName,
                                                      roles.join(QStringLiteral("; ")), status};
                           for (int c = 0; c < cells.size(); ++c) {
                               auto *item = new QTableWidgetItem(cells[c]);
                               item->setData(Qt::UserRole, u.id);
                               m_table->setItem(i, c, item);
                           }
                           if (u.id == selected)
                               m_table->selectRow(i);
                       }
                       const QSignalBlocker block(m_require);
                       m_require->setChecked(m_overview.signInRequired);
                       updateButtons();
                       Q_EMIT loaded();
                   });
}

void UsersDialog::updateButtons() {
    const QString id = selectedUser();
    const bool manage = m_overview.mayManage;
    m_require->setEnabled(manage);
    m_add->setEnabled(manage && !m_overview.farms.empty());
    m_role->setEnabled(manage && !id.isEmpty());
    m_disable->setEnabled(manage && !id.isEmpty() && id != m_overview.me);
    m_password->setEnabled(!id.isEmpty() && (manage || id == m_overview.me));
    for (const auto &u : m_overview.users)
        if (u.id == id)
            m_disable->setText(u.disabled ? tr("&Enable") : tr("&Disable"));
    if (!manage)
        m_status->setText(tr("Only an owner manages people; you can set your own password."));
    else if (!m_overview.syncServer.isEmpty())
        m_status->setText(tr("People and roles of the synced farms come from %1 at each sync: "
                             "change them there. Passwords here are for this computer only.")
                              .arg(m_overview.syncServer));
}

void UsersDialog::report(const Result<void> &r, const QString &done) {
    m_status->setText(r.ok() ? done : errorText(r.error()));
    reload();
    if (r.ok())
        Q_EMIT changed();
}

void UsersDialog::setRole(const QString &farmId, const QString &role) {
    const QString id = selectedUser();
    auto task = role.isEmpty() ? services::UserService::revoke(m_workspace, id, farmId)
                               : services::UserService::grant(m_workspace, id, farmId, role);
    QCoro::connect(std::move(task), this,
                   [this](const Result<void> &r) { report(r, tr("Role saved.")); });
}

void UsersDialog::askRole() {
    QStringList farms;
    for (const auto &f : m_overview.farms)
        farms << f.second;
    bool ok = false;
    const QString farm =
        QInputDialog::getItem(this, tr("Set Role"), tr("Farm:"), farms, 0, false, &ok);
    if (!ok)
        return;
    QStringList roles = security::roles();
    roles << tr("(no role)");
    const QString role =
        QInputDialog::getItem(this, tr("Set Role"), tr("Role on %1:").arg(farm), roles,
                              int(security::roles().indexOf(QStringLiteral("viewer"))), false, &ok);
    if (!ok)
        return;
    const QString farmId = m_overview.farms[size_t(farms.indexOf(farm))].first;
    setRole(farmId, security::isRole(role) ? role : QString());
}

void UsersDialog::askPassword() {
    bool ok = false;
    const QString first = QInputDialog::getText(this, tr("Set Password"), tr("New password:"),
                                                QLineEdit::Password, {}, &ok);
    if (!ok)
        return;
    const QString again = QInputDialog::getText(this, tr("Set Password"), tr("Repeat it:"),
                                                QLineEdit::Password, {}, &ok);
    if (!ok)
        return;
    if (first != again) {
        m_status->setText(tr("The two passwords differ; nothing was changed."));
        return;
    }
    QCoro::connect(services::UserService::setPassword(m_workspace, selectedUser(), first), this,
                   [this](const Result<void> &r) { report(r, tr("Password set.")); });
}

} // namespace agro::ui

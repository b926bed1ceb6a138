#include "auditdialog.h"

#include <QComboBox>
#include <QCoroTask>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace agro::ui {

AuditDialog::AuditDialog(const QString &workspace, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_action(new QComboBox(this))
    , m_actor(new QLineEdit(this))
    , m_from(new QDateEdit(QDate::currentDate().addDays(-90), this))
    , m_to(new QDateEdit(QDate::currentDate(), this))
    , m_table(new QTableWidget(0, 5, this))
    , m_status(new QLabel(this)) {
    setWindowTitle(tr("Audit Log"));
    auto *layout = new QVBoxLayout(this);
    auto *filters = new QHBoxLayout;
    m_action->addItem(tr("All actions"), QString());
    auto *action = new QLabel(tr("&Action:"), this);
    action->setBuddy(m_action);
    filters->addWidget(action);
    filters->addWidget(m_action, 1);
    auto *who = new QLabel(tr("&Who:"), this);
    who->setBuddy(m_actor);
    filters->addWidget(who);
    m_actor->setPlaceholderText(tr("user name"));
    m_actor->setClearButtonEnabled(true);
    filters->addWidget(m_actor, 1);
    auto *from = new QLabel(tr("&From:"), this);
    from->setBuddy(m_from);
    filters->addWidget(from);
    m_from->setCalendarPopup(true);
    filters->addWidget(m_from);
    auto *to = new QLabel(tr("&To:"), this);
    to->setBuddy(m_to);
    filters->addWidget(to);
    m_to->setCalendarPopup(true);
    filters->addWidget(m_to);
    layout->addLayout(filters);

    m_table->setHorizontalHeaderLabels(
        {tr("Time (UTC)"), tr("Who"), tr("Action"), tr("Record"), tr("Details")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_export = buttons->addButton(tr("&Export CSV…"), QDialogButtonBox::ActionRole);
    m_verify = buttons->addButton(tr("&Verify Chain"), QDialogButtonBox::ActionRole);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(
            this, tr("Export Audit Log"), QDir::home().filePath(QStringLiteral("audit-log.csv")),
            tr("CSV files (*.csv)"));
        if (!file.isEmpty())
            exportTo(file);
    });
    connect(m_verify, &QPushButton::clicked, this, &AuditDialog::verifyChain);
    connect(m_action, &QComboBox::currentIndexChanged, this, &AuditDialog::reload);
    connect(m_actor, &QLineEdit::editingFinished, this, &AuditDialog::reload);
    connect(m_from, &QDateEdit::dateChanged, this, &AuditDialog::reload);
    connect(m_to, &QDateEdit::dateChanged, this, &AuditDialog::reload);
    resize(1000, 560);

    QCoro::connect(services::AuditService::actions(workspace), this,
                   [this](const Result<QStringList> &r) {
                       if (!r.ok())
                           return; // reload() says why
                       const QSignalBlocker block(m_action);
                       for (const QString &a : r.value())
                           m_action->addItem(a, a);
                   });
    reload();
}

services::AuditFilter AuditDialog::filter() const {
    services::AuditFilter f;
    f.action = m_action->currentData().toString();
    f.actor = m_actor->text();
    f.from = m_from->date();
    f.to = m_to->date();
    return f;
}

void AuditDialog::reload() {
    m_status->setText(tr("Loading…"));
    QCoro::connect(
        services::AuditService::entries(m_workspace, filter()), this,
        [this](const Result<std::vector<services::AuditRow>> &r) {
            if (!r.ok()) {
                m_table->setRowCount(0);
                m_status->setText(errorText(r.error()));
                m_export->setEnabled(false);
                Q_EMIT loaded(0);
                return;
            }
            const auto &rows = r.value();
            m_table->setRowCount(int(rows.size()));
            for (int i = 0; i < int(rows.size()); ++i) {
                const auto &e = rows[size_t(i)];
                const QString record =
                    e.entity.isEmpty() ? QString() : e.entity + QLatin1Char(' ') + e.entityId;
                const QStringList cells = {
                    e.at.left(19).replace(QLatin1Char('T'), QLatin1Char(' ')), e.actorName,
                    e.action, record,
                    e.detailJson == QLatin1String("{}") ? QString() : e.detailJson};
                for (int c = 0; c < cells.size(); ++c) {
                    auto *item = new QTableWidgetItem(cells[c]);
                    item->setToolTip(cells[c]);
                    m_table->setItem(i, c, item);
                }
            }
            m_export->setEnabled(!rows.empty());
            m_status->setText(rows.size() == 1
                                  ? tr("1 entry")
                                  : tr("%1 entries").arg(QLocale().toString(qint64(rows.size()))));
            Q_EMIT loaded(int(rows.size()));
        });
}

void AuditDialog::exportTo(const QString &file) {
    QCoro::connect(services::AuditService::exportCsv(m_workspace, filter(), file), this,
                   [this, file](const Result<qint64> &r) {
                       if (!r.ok()) {
                           m_status->setText(tr("Export failed: %1").arg(errorText(r.error())));
                           Q_EMIT exported(false);
                           return;
                       }
                       m_status->setText(
                           tr("Exported %1 entries to %2")
                               .arg(QLocale().toString(r.value()), QDir::toNativeSeparators(file)));
                       Q_EMIT exported(true);
                   });
}

void AuditDialog::verifyChain() {
    QCoro::connect(
        services::AuditService::verify(m_workspace), this, [this](const Result<qint64> &r) {
            m_status->setText(r.ok() ? tr("Chain intact: every one of %1 entries verified")
                                           .arg(QLocale().toString(r.value()))
                                     : tr("The chain is broken: %1").arg(r.error().detail));
            Q_EMIT verified(r.ok());
        });
}

} // namespace agro::ui

#include "restorebackupdialog.h"

#include "services/backupservice.h"

#include <QCoroTask>
#include <QDialogButtonBox>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace agro::ui {

namespace {
/// Both previews (the backup's and the open workspace's, read the same way), or the first
/// error.
struct Previews {
    store::BackupSummary backup, current;
};
QCoro::Task<Result<Previews>> loadPreviews(QString workspace, QString backupPath) {
    auto backupTask = services::BackupService::describe(backupPath);
    auto backup = co_await backupTask;
    if (!backup.ok())
        co_return backup.error();
    auto currentTask = services::BackupService::describe(workspace, false);
    auto current = co_await currentTask;
    if (!current.ok())
        co_return current.error();
    co_return Previews{backup.value(), current.value()};
}
} // namespace

QString RestoreBackupDialog::tableTitle(const QString &table) {
    static const std::pair<const char *, const char *> titles[] = {
        {"farms", QT_TR_NOOP("Farms")},
        {"fields", QT_TR_NOOP("Fields")},
        {"plantings", QT_TR_NOOP("Plantings")},
        {"cost_entries", QT_TR_NOOP("Cost entries")},
        {"harvests", QT_TR_NOOP("Harvests")},
        {"products", QT_TR_NOOP("Products")},
        {"sales_daily", QT_TR_NOOP("Daily sales rows")},
        {"sensors", QT_TR_NOOP("Sensors")},
        {"sensor_readings", QT_TR_NOOP("Sensor readings")},
        {"lots", QT_TR_NOOP("Lots")},
        {"qc_inspections", QT_TR_NOOP("Inspections")},
        {"alerts", QT_TR_NOOP("Alerts")},
        {"restock_decisions", QT_TR_NOOP("Restock decisions")},
        {"users", QT_TR_NOOP("Users")},
        {"audit_log", QT_TR_NOOP("Audit log entries")},
    };
    for (const auto &[name, title] : titles)
        if (table == QLatin1String(name))
            return tr(title);
    return table;
}

RestoreBackupDialog::RestoreBackupDialog(const QString &workspace, const QString &workspaceId,
                                         const QString &backupPath, QWidget *parent)
    : QDialog(parent)
    , m_workspaceId(workspaceId) {
    setWindowTitle(tr("Restore from Backup"));
    auto *layout = new QVBoxLayout(this);
    m_summary = new QLabel(tr("Reading %1…").arg(QDir::toNativeSeparators(backupPath)), this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);
    m_warning = new QLabel(this);
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(QStringLiteral("color: #a33;"));
    m_warning->hide();
    layout->addWidget(m_warning);
    m_table = new QTableWidget(0, 3, this);
    m_table->setHorizontalHeaderLabels({tr("Records"), tr("In the backup"), tr("Now")});
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    layout->addWidget(m_table);
    auto *note = new QLabel(tr("The workspace's current content is kept as a backup first, so "
                               "this can be undone by restoring that backup."),
                            this);
    note->setWordWrap(true);
    layout->addWidget(note);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *restore = m_buttons->addButton(tr("&Restore"), QDialogButtonBox::AcceptRole);
    restore->setEnabled(false);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(560, 520);

    QCoro::connect(loadPreviews(workspace, backupPath), this,
                   [this, backupPath](const Result<Previews> &r) {
                       if (!r.ok()) {
                           m_summary->setText(
                               tr("This file cannot be restored: %1").arg(errorText(r.error())));
                           return;
                       }
                       showPreview(r->backup, r->current);
                   });
}

void RestoreBackupDialog::showPreview(const store::BackupSummary &backup,
                                      const store::BackupSummary &current) {
    const QLocale locale;
    QString text = tr("<b>%1</b><br>Taken %2 · %3 MB · schema version %4")
                       .arg(QDir::toNativeSeparators(backup.path).toHtmlEscaped(),
                            locale.toString(backup.takenAt.toLocalTime(), QLocale::ShortFormat),
                            locale.toString(backup.bytes / 1048576.0, 'f', 1))
                       .arg(backup.schemaVersion);
    if (!backup.demoPreset.isEmpty())
        text += tr("<br>Demo data (preset “%1”)").arg(backup.demoPreset.toHtmlEscaped());
    m_summary->setText(text);
    if (backup.workspaceId != m_workspaceId) {
        m_warning->setText(tr("This backup is of a different workspace (%1). Restoring it "
                              "replaces everything in the open one.")
                               .arg(backup.workspaceId));
        m_warning->show();
    }
    m_table->setRowCount(int(backup.counts.size()));
    for (int i = 0; i < int(backup.counts.size()); ++i) {
        const auto &c = backup.counts[size_t(i)];
        qint64 now = 0;
        for (const auto &k : current.counts)
            if (k.table == c.table)
                now = k.rows;
        m_table->setItem(i, 0, new QTableWidgetItem(tableTitle(c.table)));
        for (int col : {1, 2}) {
            auto *item = new QTableWidgetItem(locale.toString(col == 1 ? c.rows : now));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (col == 1 && c.rows != now) {
                QFont f = item->font();
                f.setBold(true);
                item->setFont(f);
            }
            m_table->setItem(i, col, item);
        }
    }
    for (QAbstractButton *b : m_buttons->buttons())
        if (m_buttons->buttonRole(b) == QDialogButtonBox::AcceptRole)
            b->setEnabled(true);
    m_loaded = true;
    Q_EMIT previewReady();
}

} // namespace agro::ui

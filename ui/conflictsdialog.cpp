#include "conflictsdialog.h"

#include "bulktablefill.h"
#include "services/syncservice.h"
#include "sync/bulkfacts.h"

#include <QCoroTask>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace agro::ui {

namespace {
QString shown(const QVariant &v) {
    if (v.isNull())
        return ConflictsDialog::tr("(empty)");
    if (v.typeId() == QMetaType::QByteArray)
        return ConflictsDialog::tr("(%n byte(s) of data)", nullptr, int(v.toByteArray().size()));
    return v.toString();
}
/// A bulk fact's values ("quantity 5 · price 2.5 · …"), in its table's column order.
QString shownFact(const QString &table, const QVariant &v) {
    const QJsonObject o = QJsonDocument::fromJson(v.toString().toUtf8()).object();
    QStringList parts;
    for (const QString &column : sync::bulkColumns(table))
        if (o.contains(column))
            parts << column + QLatin1Char(' ') +
                         (o.value(column).isNull() ? ConflictsDialog::tr("(empty)")
                                                   : o.value(column).toVariant().toString());
    return parts.join(QStringLiteral(" · "));
}
QString who(const QString &author, const QString &node) {
    // The device is the replica's node id; its first 8 digits tell devices apart.
    return (author.isEmpty() ? ConflictsDialog::tr("this computer") : author) +
           QStringLiteral(" · ") + node.left(8);
}
QTableWidget *makeTable(QWidget *parent, const QStringList &headers) {
    auto *t = new QTableWidget(parent);
    t->setColumnCount(int(headers.size()));
    t->setHorizontalHeaderLabels(headers);
    t->verticalHeader()->hide();
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    t->horizontalHeader()->setStretchLastSection(true);
    return t;
}
} // namespace

ConflictsDialog::ConflictsDialog(QString workspace, QWidget *parent)
    : QDialog(parent)
    , m_workspace(std::move(workspace))
    , m_conflicts(makeTable(this, {tr("Record"), tr("Field"), tr("Lost value"),
                                   tr("Lost by · device"), tr("Lost when"), tr("Current value"),
                                   tr("Won by · device"), tr("Won when"), tr("Status")}))
    , m_log(makeTable(this, {tr("When"), tr("Level"), tr("Sent"), tr("Received"), tr("Conflicts"),
                             tr("Message")}))
    , m_restore(new QPushButton(tr("&Restore Lost Value"), this))
    , m_keep(new QPushButton(tr("&Keep Current Value"), this))
    , m_message(new QLabel(this)) {
    setWindowTitle(tr("Sync Conflicts and Log"));
    auto *tabs = new QTabWidget(this);
    auto *page = new QWidget(tabs);
    auto *pl = new QVBoxLayout(page);
    auto *intro = new QLabel(tr("When two people changed the same value while offline, the later "
                                "change wins everywhere and the other is kept here. Restore "
                                "makes a lost value current again."),
                             page);
    intro->setWordWrap(true);
    pl->addWidget(intro);
    pl->addWidget(m_conflicts, 1);
    auto *row = new QHBoxLayout;
    row->addWidget(m_restore);
    row->addWidget(m_keep);
    row->addStretch(1);
    pl->addLayout(row);
    m_message->setWordWrap(true);
    pl->addWidget(m_message);
    tabs->addTab(page, tr("&Conflicts"));
    tabs->addTab(m_log, tr("Sync &Log"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tabs, 1);
    layout->addWidget(buttons);
    connect(m_restore, &QPushButton::clicked, this, [this] { act(true); });
    connect(m_keep, &QPushButton::clicked, this, [this] { act(false); });
    connect(m_conflicts, &QTableWidget::itemSelectionChanged, this, [this] {
        const int r = m_conflicts->currentRow();
        const bool open =
            r >= 0 && r < int(m_rows.size()) && m_rows[size_t(r)].status == QLatin1String("open");
        m_restore->setEnabled(open && !m_rows[size_t(r)].wonByDeletion);
        m_keep->setEnabled(open);
    });
    m_restore->setEnabled(false);
    m_keep->setEnabled(false);
    resize(1100, 520);
    reload();
}

QString ConflictsDialog::message() const {
    return m_message->text();
}

void ConflictsDialog::reload() {
    QCoro::connect(
        services::SyncService::conflicts(m_workspace, QString()), this,
        [this](const Result<std::vector<sync::Conflict>> &r) {
            if (!r.ok()) {
                m_message->setText(errorText(r.error()));
                return;
            }
            m_rows = r.value();
            const QLocale l;
            BulkTableFill fill(m_conflicts);
            m_conflicts->setRowCount(int(m_rows.size()));
            for (int i = 0; i < int(m_rows.size()); ++i) {
                const sync::Conflict &c = m_rows[size_t(i)];
                const QString status = c.status == QLatin1String("open")   ? tr("Open")
                                       : c.status == QLatin1String("kept") ? tr("Kept current")
                                                                           : tr("Restored");
                // A bulk fact (a day's sale, a reading) is one conflict as a whole.
                const bool fact = c.column == sync::bulkFactColumn();
                const QStringList cells{
                    c.table + QStringLiteral(" ") +
                        (fact ? sync::describeBulkKey(c.table, c.rowId) : c.rowId.left(8)),
                    fact ? tr("(all values)") : c.column,
                    fact ? shownFact(c.table, c.lostValue) : shown(c.lostValue),
                    who(c.lostAuthor, c.lostNode),
                    l.toString(c.lostAt.toLocalTime(), QLocale::ShortFormat),
                    c.wonByDeletion ? tr("(record deleted)")
                    : fact          ? shownFact(c.table, c.wonValue)
                                    : shown(c.wonValue),
                    who(c.wonAuthor, c.wonNode),
                    l.toString(c.wonAt.toLocalTime(), QLocale::ShortFormat),
                    status};
                for (int k = 0; k < cells.size(); ++k)
                    m_conflicts->setItem(i, k, new QTableWidgetItem(cells[k]));
            }
            if (m_rows.empty())
                m_message->setText(tr("No conflicts: every change made here and "
                                      "elsewhere is in place."));
            QCoro::connect(services::SyncService::log(m_workspace), this,
                           [this](const Result<std::vector<sync::SyncLogEntry>> &log) {
                               if (log.ok()) {
                                   const QLocale lc;
                                   BulkTableFill logFill(m_log);
                                   m_log->setRowCount(int(log->size()));
                                   for (int i = 0; i < int(log->size()); ++i) {
                                       const auto &e = log->at(size_t(i));
                                       const QStringList cells{
                                           lc.toString(e.at.toLocalTime(), QLocale::ShortFormat),
                                           e.level,
                                           lc.toString(e.pushed),
                                           lc.toString(e.pulled),
                                           lc.toString(e.conflicts),
                                           e.message};
                                       for (int k = 0; k < cells.size(); ++k)
                                           m_log->setItem(i, k, new QTableWidgetItem(cells[k]));
                                   }
                               }
                               Q_EMIT loaded();
                           });
        });
}

void ConflictsDialog::act(bool restore) {
    const int r = m_conflicts->currentRow();
    if (r < 0 || r >= int(m_rows.size()))
        return;
    const qint64 id = m_rows[size_t(r)].id;
    auto task = restore ? services::SyncService::restore(m_workspace, id)
                        : services::SyncService::keep(m_workspace, id);
    QCoro::connect(std::move(task), this, [this, restore](const Result<void> &done) {
        if (!done.ok()) {
            m_message->setText(errorText(done.error()));
            return;
        }
        m_message->setText(restore ? tr("Restored: the lost value is current again and will be "
                                        "sent with the next sync.")
                                   : tr("Kept the current value."));
        if (restore)
            Q_EMIT changed();
        reload();
    });
}

} // namespace agro::ui

#include "recordspage.h"

#include "costbreakdownchart.h"
#include "costentrydialog.h"
#include "formatting.h"
#include "recordscontroller.h"
#include "services/dashboardservice.h"
#include "services/financeservice.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace agro::ui {

RecordsPage::RecordsPage(RecordsController &records, QWidget *parent)
    : QWidget(parent)
    , m_records(records)
    , m_farm(new QComboBox(this))
    , m_season(new QComboBox(this))
    , m_table(new QTableWidget(0, 6, this))
    , m_status(new QLabel(this))
    , m_edit(new QPushButton(tr("&Edit…"), this))
    , m_delete(new QPushButton(tr("&Delete"), this)) {
    auto *add = new QPushButton(tr("&New cost…"), this);
    add->setToolTip(tr("Add a cost entry (Ins)"));
    m_edit->setToolTip(tr("Edit the selected entry (Enter)"));
    m_delete->setToolTip(tr("Delete the selected entry (Del); undo with Ctrl+Z"));
    m_farm->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_table->setHorizontalHeaderLabels(
        {tr("Date"), tr("Farm"), tr("Planting"), tr("Category"), tr("Amount"), tr("Description")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
    m_status->setForegroundRole(QPalette::PlaceholderText);

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Farm:"), this));
    bar->addWidget(m_farm);
    bar->addSpacing(8);
    bar->addWidget(new QLabel(tr("Season:"), this));
    bar->addWidget(m_season);
    bar->addStretch(1);
    bar->addWidget(m_status);
    bar->addWidget(add);
    bar->addWidget(m_edit);
    bar->addWidget(m_delete);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);

    auto *insertKey = new QAction(this);
    insertKey->setShortcut(QKeySequence(Qt::Key_Insert));
    insertKey->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(insertKey);
    connect(insertKey, &QAction::triggered, this, [this] { newCost(); });
    auto *deleteKey = new QAction(this);
    deleteKey->setShortcut(QKeySequence::Delete);
    deleteKey->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(deleteKey);
    connect(deleteKey, &QAction::triggered, this, &RecordsPage::deleteSelected);
    auto *enterKey = new QAction(this);
    enterKey->setShortcuts({QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
    enterKey->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_table->addAction(enterKey);
    connect(enterKey, &QAction::triggered, this, [this] {
        const int r = m_table->currentRow();
        if (r >= 0)
            editCost(m_rows[size_t(r)].entry.id);
    });

    connect(add, &QPushButton::clicked, this, [this] { newCost(); });
    connect(m_edit, &QPushButton::clicked, this, [this] {
        const int r = m_table->currentRow();
        if (r >= 0)
            editCost(m_rows[size_t(r)].entry.id);
    });
    connect(m_delete, &QPushButton::clicked, this, &RecordsPage::deleteSelected);
    connect(m_table, &QTableWidget::cellDoubleClicked, this,
            [this](int r, int) { editCost(m_rows[size_t(r)].entry.id); });
    connect(m_farm, &QComboBox::currentIndexChanged, this, &RecordsPage::refresh);
    connect(m_season, &QComboBox::currentIndexChanged, this, &RecordsPage::refresh);
    connect(&m_records, &RecordsController::changed, this, &RecordsPage::refresh);
    setEnabled(false);
}

void RecordsPage::setWorkspace(const store::WorkspaceInfo &workspace) {
    m_workspace = workspace;
    QCoro::connect(services::FinanceService::options(workspace.path, QString()), this,
                   [this](const Result<services::FinanceOptions> &r) {
                       if (!r.ok()) {
                           m_status->setText(errorText(r.error()));
                           return;
                       }
                       m_farms = r->farms;
                       const QSignalBlocker b1(m_farm), b2(m_season);
                       m_farm->clear();
                       m_farm->addItem(tr("All farms"), QString());
                       for (const auto &f : m_farms)
                           m_farm->addItem(f.name, f.id);
                       m_season->clear();
                       m_season->addItem(tr("All seasons"), QString());
                       for (const QString &s : r->seasons)
                           m_season->addItem(s, s);
                       m_season->setCurrentIndex(r->seasons.isEmpty() ? 0 : 1);
                       setEnabled(true);
                       refresh();
                   });
}

void RecordsPage::refresh() {
    if (m_workspace.path.isEmpty())
        return;
    const quint64 serial = ++m_serial;
    QCoro::connect(
        services::RecordService::costs(m_workspace.path, m_farm->currentData().toString(),
                                       m_season->currentData().toString()),
        this, [this, serial](const Result<std::vector<services::CostEntryRow>> &r) {
            if (serial != m_serial)
                return;
            if (!r.ok()) {
                m_status->setText(errorText(r.error()));
                return;
            }
            const QString selected = m_table->currentRow() >= 0
                                         ? m_rows[size_t(m_table->currentRow())].entry.id
                                         : QString();
            m_rows = r.value();
            m_table->setRowCount(int(m_rows.size()));
            const QLocale locale;
            int reselect = -1;
            for (size_t i = 0; i < m_rows.size(); ++i) {
                const auto &row = m_rows[i];
                const int n = int(i);
                m_table->setItem(n, 0,
                                 new QTableWidgetItem(
                                     locale.toString(row.entry.incurredOn, QLocale::ShortFormat)));
                m_table->setItem(n, 1, new QTableWidgetItem(row.farmName));
                m_table->setItem(n, 2,
                                 new QTableWidgetItem(row.plantingLabel.isEmpty()
                                                          ? tr("Farm level")
                                                          : row.plantingLabel));
                m_table->setItem(
                    n, 3,
                    new QTableWidgetItem(CostBreakdownChart::categoryName(row.entry.category)));
                auto *amount =
                    new QTableWidgetItem(format::moneyExact(row.entry.amount, row.entry.currency));
                amount->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                m_table->setItem(n, 4, amount);
                m_table->setItem(n, 5, new QTableWidgetItem(row.entry.description));
                if (row.entry.id == selected)
                    reselect = n;
            }
            m_table->resizeColumnsToContents();
            if (reselect >= 0)
                m_table->selectRow(reselect);
            m_status->setText(tr("%1 entries").arg(m_rows.size()));
            m_edit->setEnabled(!m_rows.empty());
            m_delete->setEnabled(!m_rows.empty());
            Q_EMIT loaded();
        });
}

CostEntryDialog *RecordsPage::newCost() {
    auto *dialog = new CostEntryDialog(m_records, m_farms, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const int farm = m_farm->currentIndex() > 0 ? m_farm->currentIndex() - 1 : 0;
    dialog->farmBox()->setCurrentIndex(farm);
    dialog->open();
    return dialog;
}

CostEntryDialog *RecordsPage::editCost(const QString &id) {
    for (const auto &r : m_rows) {
        if (r.entry.id != id)
            continue;
        auto *dialog = new CostEntryDialog(m_records, m_farms, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setEntry(r.entry);
        dialog->open();
        return dialog;
    }
    return nullptr;
}

void RecordsPage::deleteSelected() {
    const int r = m_table->currentRow();
    if (r < 0 || size_t(r) >= m_rows.size())
        return;
    m_records.deleteCost(m_rows[size_t(r)].entry.id);
}

int RecordsPage::rowCount() const {
    return int(m_rows.size());
}

void RecordsPage::selectRow(int index) {
    m_table->selectRow(index);
}

} // namespace agro::ui

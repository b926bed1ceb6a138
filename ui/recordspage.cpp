#include "recordspage.h"

#include "rolegate.h"

#include "costbreakdownchart.h"
#include "costentrydialog.h"
#include "formatting.h"
#include "harvestdialog.h"
#include "plantingdialog.h"
#include "plantingviewdialog.h"
#include "recordscontroller.h"
#include "services/dashboardservice.h"
#include "services/financeservice.h"
#include "services/yieldpredictions.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace agro::ui {

RecordsPage::RecordsPage(RecordsController &records, QWidget *parent)
    : QWidget(parent)
    , m_records(records)
    , m_farm(new QComboBox(this))
    , m_season(new QComboBox(this))
    , m_tabs(new QTabWidget(this))
    , m_table(new QTableWidget(0, 6, this))
    , m_plantingTable(new QTableWidget(0, 10, this))
    , m_harvestTable(new QTableWidget(0, 6, this))
    , m_status(new QLabel(this))
    , m_edit(new QPushButton(tr("&Edit…"), this))
    , m_delete(new QPushButton(tr("&Delete"), this)) {
    auto *add = m_add = new QPushButton(tr("&New…"), this);
    add->setToolTip(tr("Add a record of the tab shown (Ins)"));
    auto *view = new QPushButton(tr("&View…"), this);
    view->setToolTip(tr("The selected planting at a glance (Space)"));
    auto *copyPlan = new QPushButton(tr("&Copy season plan…"), this);
    copyPlan->setToolTip(tr("Plant the same crops on the same fields as in another season"));
    m_edit->setToolTip(tr("Edit the selected entry (Enter)"));
    m_delete->setToolTip(tr("Delete the selected entry (Del); undo with Ctrl+Z"));
    m_farm->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_table->setHorizontalHeaderLabels(
        {tr("Date"), tr("Farm"), tr("Planting"), tr("Category"), tr("Amount"), tr("Description")});
    m_plantingTable->setHorizontalHeaderLabels(
        {tr("Season"), tr("Field"), tr("Crop"), tr("Area (ha)"), tr("Expected (kg/ha)"),
         tr("Price (per kg)"), tr("Cost entries"), tr("Harvests"), tr("Predicted (kg/ha)"),
         tr("80 % range")});
    m_harvestTable->setHorizontalHeaderLabels({tr("Date"), tr("Planting"), tr("Quantity (kg)"),
                                               tr("Rejected (kg)"), tr("Entered in"), tr("Grade")});
    for (QTableWidget *t : {m_table, m_plantingTable, m_harvestTable}) {
        t->setEditTriggers(QAbstractItemView::NoEditTriggers);
        t->setSelectionBehavior(QAbstractItemView::SelectRows);
        t->setSelectionMode(QAbstractItemView::SingleSelection);
        t->verticalHeader()->setVisible(false);
        t->horizontalHeader()->setStretchLastSection(true);
        t->setAlternatingRowColors(true);
    }
    m_tabs->addTab(m_table, tr("Cost entries"));
    m_tabs->addTab(m_plantingTable, tr("Plantings"));
    m_tabs->addTab(m_harvestTable, tr("Harvests"));
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
    bar->addWidget(view);
    bar->addWidget(copyPlan);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->addLayout(bar);
    layout->addWidget(m_tabs, 1);
    connect(m_tabs, &QTabWidget::currentChanged, this, [copyPlan, view](int tab) {
        copyPlan->setVisible(tab == 1);
        view->setVisible(tab == 1);
    });
    copyPlan->setVisible(false);
    view->setVisible(false);
    auto viewSelected = [this] {
        const int r = m_plantingTable->currentRow();
        if (r >= 0 && size_t(r) < m_plantings.size())
            viewPlanting(m_plantings[size_t(r)].planting.id);
    };
    connect(view, &QPushButton::clicked, this, viewSelected);
    auto *spaceKey = new QAction(this);
    spaceKey->setShortcut(QKeySequence(Qt::Key_Space));
    spaceKey->setShortcutContext(Qt::WidgetShortcut);
    m_plantingTable->addAction(spaceKey);
    connect(spaceKey, &QAction::triggered, this, viewSelected);
    connect(copyPlan, &QPushButton::clicked, this, &RecordsPage::copyPlanDialog);

    auto *insertKey = new QAction(this);
    insertKey->setShortcut(QKeySequence(Qt::Key_Insert));
    insertKey->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(insertKey);
    auto addForTab = [this] {
        if (!m_add->isEnabled())
            return; // the role does not allow it (the key does what the button does)
        if (m_tabs->currentIndex() == 1)
            newPlanting();
        else if (m_tabs->currentIndex() == 2)
            newHarvest();
        else
            newCost();
    };
    auto editForTab = [this] {
        if (!m_edit->isEnabled())
            return;
        if (m_tabs->currentIndex() == 1 && m_plantingTable->currentRow() >= 0)
            editPlanting(m_plantings[size_t(m_plantingTable->currentRow())].planting.id);
        else if (m_tabs->currentIndex() == 2 && m_harvestTable->currentRow() >= 0)
            editHarvest(m_harvests[size_t(m_harvestTable->currentRow())].harvest.id);
        else if (m_tabs->currentIndex() == 0 && m_table->currentRow() >= 0)
            editCost(m_rows[size_t(m_table->currentRow())].entry.id);
    };
    connect(insertKey, &QAction::triggered, this, addForTab);
    auto *deleteKey = new QAction(this);
    deleteKey->setShortcut(QKeySequence::Delete);
    deleteKey->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(deleteKey);
    connect(deleteKey, &QAction::triggered, this, &RecordsPage::deleteSelected);
    auto *enterKey = new QAction(this);
    enterKey->setShortcuts({QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
    enterKey->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    for (QTableWidget *t : {m_table, m_plantingTable, m_harvestTable})
        t->addAction(enterKey);
    connect(enterKey, &QAction::triggered, this, editForTab);

    connect(add, &QPushButton::clicked, this, addForTab);
    connect(m_edit, &QPushButton::clicked, this, editForTab);
    connect(m_plantingTable, &QTableWidget::cellDoubleClicked, this,
            [this](int r, int) { editPlanting(m_plantings[size_t(r)].planting.id); });
    connect(m_harvestTable, &QTableWidget::cellDoubleClicked, this,
            [this](int r, int) { editHarvest(m_harvests[size_t(r)].harvest.id); });
    connect(m_delete, &QPushButton::clicked, this, &RecordsPage::deleteSelected);
    connect(m_table, &QTableWidget::cellDoubleClicked, this,
            [this](int r, int) { editCost(m_rows[size_t(r)].entry.id); });
    connect(m_farm, &QComboBox::currentIndexChanged, this, &RecordsPage::refresh);
    connect(m_season, &QComboBox::currentIndexChanged, this, &RecordsPage::refresh);
    connect(&m_records, &RecordsController::changed, this, &RecordsPage::refresh);
    connect(m_tabs, &QTabWidget::currentChanged, this, &RecordsPage::applyRoles);
    setEnabled(false);
}

void RecordsPage::setRoles(const QStringList &roles) {
    m_roles = roles;
    applyRoles();
}

void RecordsPage::applyRoles() {
    const char *table = m_tabs->currentIndex() == 1   ? "plantings"
                        : m_tabs->currentIndex() == 2 ? "harvests"
                                                      : "cost_entries";
    const QString why = tr("Your role does not allow this");
    const auto gate = [&](QPushButton *b, security::Action a, const QString &tip) {
        const bool allowed = mayDo(m_roles, table, a);
        b->setEnabled(allowed);
        b->setToolTip(allowed ? tip : why);
    };
    gate(m_add, security::Action::Create, tr("Add a record of the tab shown (Ins)"));
    gate(m_edit, security::Action::Update, tr("Edit the selected entry (Enter)"));
    gate(m_delete, security::Action::Delete,
         tr("Delete the selected entry (Del); undo with Ctrl+Z"));
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
            m_status->setText(tr("%1 cost entries").arg(m_rows.size()));
            refreshPlantings();
        });
}

namespace {
QTableWidgetItem *numberItem(const QString &text) {
    auto *item = new QTableWidgetItem(text);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}
} // namespace

void RecordsPage::refreshPlantings() {
    const quint64 serial = m_serial;
    QCoro::connect(
        services::RecordService::plantingRows(m_workspace.path, m_farm->currentData().toString(),
                                              m_season->currentData().toString()),
        this, [this, serial](const Result<std::vector<services::PlantingRow>> &r) {
            if (serial != m_serial)
                return;
            if (!r.ok()) {
                m_status->setText(errorText(r.error()));
                return;
            }
            m_plantings = r.value();
            m_plantingTable->setRowCount(int(m_plantings.size()));
            const QLocale locale;
            for (size_t i = 0; i < m_plantings.size(); ++i) {
                const auto &p = m_plantings[i];
                const int n = int(i);
                m_plantingTable->setItem(n, 0, new QTableWidgetItem(p.seasonName));
                m_plantingTable->setItem(n, 1, new QTableWidgetItem(p.fieldName));
                m_plantingTable->setItem(n, 2, new QTableWidgetItem(p.cropName));
                m_plantingTable->setItem(
                    n, 3, numberItem(locale.toString(p.planting.plantedAreaHa, 'f', 2)));
                m_plantingTable->setItem(
                    n, 4, numberItem(locale.toString(p.planting.expectedYieldKgHa, 'f', 0)));
                m_plantingTable->setItem(
                    n, 5, numberItem(locale.toString(p.planting.expectedPricePerKg, 'f', 3)));
                m_plantingTable->setItem(n, 6, numberItem(locale.toString(p.costEntries)));
                m_plantingTable->setItem(n, 7, numberItem(locale.toString(p.harvests)));
            }
            m_plantingTable->resizeColumnsToContents();
            refreshHarvests();
            refreshPredictions();
        });
}

void RecordsPage::refreshPredictions() {
    // Predictions for the season shown (the latest with "All seasons"), each from a model fitted
    // on the seasons before it only.
    const quint64 serial = m_serial;
    QCoro::connect(
        services::YieldService::report(m_workspace.path, m_farm->currentData().toString(),
                                       m_season->currentData().toString()),
        this, [this, serial](const Result<services::YieldReport> &r) {
            if (serial != m_serial || !r.ok())
                return;
            QHash<QString, analytics::YieldPrediction> byPlanting;
            for (const auto &p : r->predictions)
                byPlanting.insert(p.row.plantingId, p.prediction);
            const QLocale locale;
            for (size_t i = 0; i < m_plantings.size(); ++i) {
                const auto it = byPlanting.constFind(m_plantings[i].planting.id);
                const bool has = it != byPlanting.constEnd();
                auto *median =
                    numberItem(has ? locale.toString(it->medianKgHa, 'f', 0) : QStringLiteral("—"));
                auto *range = numberItem(
                    has ? QStringLiteral("%1 – %2").arg(locale.toString(it->lo80KgHa, 'f', 0),
                                                        locale.toString(it->hi80KgHa, 'f', 0))
                        : QString());
                if (has)
                    median->setToolTip(tr("Predicted before the season from the earlier "
                                          "seasons: 8 in 10 seasons fall in the range"));
                m_plantingTable->setItem(int(i), 8, median);
                m_plantingTable->setItem(int(i), 9, range);
            }
            m_plantingTable->resizeColumnsToContents();
            Q_EMIT predictionsShown();
        });
}

void RecordsPage::refreshHarvests() {
    const quint64 serial = m_serial;
    QCoro::connect(
        services::RecordService::harvestRows(m_workspace.path, m_farm->currentData().toString(),
                                             m_season->currentData().toString()),
        this, [this, serial](const Result<std::vector<services::HarvestRow>> &r) {
            if (serial != m_serial)
                return;
            if (!r.ok()) {
                m_status->setText(errorText(r.error()));
                return;
            }
            m_harvests = r.value();
            m_harvestTable->setRowCount(int(m_harvests.size()));
            const QLocale locale;
            for (size_t i = 0; i < m_harvests.size(); ++i) {
                const auto &h = m_harvests[i].harvest;
                const int n = int(i);
                m_harvestTable->setItem(
                    n, 0,
                    new QTableWidgetItem(locale.toString(h.harvestedOn, QLocale::ShortFormat)));
                m_harvestTable->setItem(n, 1, new QTableWidgetItem(m_harvests[i].plantingLabel));
                m_harvestTable->setItem(n, 2, numberItem(locale.toString(h.quantityKg, 'f', 0)));
                m_harvestTable->setItem(n, 3, numberItem(locale.toString(h.rejectedKg, 'f', 0)));
                m_harvestTable->setItem(n, 4, new QTableWidgetItem(h.enteredUnit));
                m_harvestTable->setItem(n, 5, new QTableWidgetItem(h.grade));
            }
            m_harvestTable->resizeColumnsToContents();
            m_status->setText(tr("%1 cost entries, %2 plantings, %3 harvests")
                                  .arg(m_rows.size())
                                  .arg(m_plantings.size())
                                  .arg(m_harvests.size()));
            Q_EMIT loaded();
        });
}

PlantingDialog *RecordsPage::newPlanting() {
    auto *dialog = new PlantingDialog(m_records, m_farms, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->farmBox()->setCurrentIndex(m_farm->currentIndex() > 0 ? m_farm->currentIndex() - 1 : 0);
    dialog->open();
    return dialog;
}

PlantingDialog *RecordsPage::editPlanting(const QString &id) {
    for (const auto &p : m_plantings) {
        if (p.planting.id != id)
            continue;
        auto *dialog = new PlantingDialog(m_records, m_farms, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setPlanting(p.planting);
        dialog->open();
        return dialog;
    }
    return nullptr;
}

PlantingViewDialog *RecordsPage::viewPlanting(const QString &id) {
    for (const auto &p : m_plantings) {
        if (p.planting.id != id)
            continue;
        auto *dialog = new PlantingViewDialog(m_workspace.path, p.planting.farmId, p.seasonName,
                                              p.planting.id, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
        return dialog;
    }
    return nullptr;
}

HarvestDialog *RecordsPage::newHarvest() {
    auto *dialog = new HarvestDialog(m_records, m_farms, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->farmBox()->setCurrentIndex(m_farm->currentIndex() > 0 ? m_farm->currentIndex() - 1 : 0);
    dialog->open();
    return dialog;
}

HarvestDialog *RecordsPage::editHarvest(const QString &id) {
    for (const auto &h : m_harvests) {
        if (h.harvest.id != id)
            continue;
        auto *dialog = new HarvestDialog(m_records, m_farms, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setHarvest(h.harvest);
        dialog->open();
        return dialog;
    }
    return nullptr;
}

void RecordsPage::copySeasonPlan(const QString &farmId, const QString &fromId,
                                 const QString &toName) {
    m_records.copySeasonPlan(farmId, fromId, toName);
}

void RecordsPage::copyPlanDialog() {
    const QString farm = m_farm->currentData().toString();
    if (farm.isEmpty()) {
        m_status->setText(tr("Choose a farm first: plans are copied within one farm."));
        return;
    }
    QCoro::connect(services::RecordService::plantingOptions(m_workspace.path, farm), this,
                   [this, farm](const Result<services::PlantingOptions> &r) {
                       if (!r.ok() || r->seasons.empty()) {
                           m_status->setText(tr("The farm has no season to copy from."));
                           return;
                       }
                       QStringList names;
                       for (const auto &s : r->seasons)
                           names << s.name;
                       bool ok = false;
                       const QString from = QInputDialog::getItem(this, tr("Copy season plan"),
                                                                  tr("Copy the plantings of:"),
                                                                  names, 1, false, &ok);
                       if (!ok)
                           return;
                       const QString to =
                           QInputDialog::getItem(this, tr("Copy season plan"),
                                                 tr("Into the season:"), names, 0, false, &ok);
                       if (!ok || to == from)
                           return;
                       copySeasonPlan(farm, r->seasons[size_t(names.indexOf(from))].id,
                                      r->seasons[size_t(names.indexOf(to))].id);
                   });
}

void RecordsPage::showTab(int index) {
    m_tabs->setCurrentIndex(index);
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
    if (!m_delete->isEnabled())
        return;
    if (m_tabs->currentIndex() == 1) {
        const int r = m_plantingTable->currentRow();
        if (r >= 0 && size_t(r) < m_plantings.size())
            m_records.deletePlanting(m_plantings[size_t(r)].planting.id);
        return;
    }
    if (m_tabs->currentIndex() == 2) {
        const int r = m_harvestTable->currentRow();
        if (r >= 0 && size_t(r) < m_harvests.size())
            m_records.deleteHarvest(m_harvests[size_t(r)].harvest.id);
        return;
    }
    const int r = m_table->currentRow();
    if (r < 0 || size_t(r) >= m_rows.size())
        return;
    m_records.deleteCost(m_rows[size_t(r)].entry.id);
}

int RecordsPage::rowCount() const {
    return int(m_rows.size());
}

void RecordsPage::selectRow(int index) {
    QTableWidget *tables[] = {m_table, m_plantingTable, m_harvestTable};
    tables[std::clamp(m_tabs->currentIndex(), 0, 2)]->selectRow(index);
}

QString RecordsPage::predictionText(int row) const {
    const QTableWidgetItem *item = m_plantingTable->item(row, 8);
    return item ? item->text() : QString();
}

} // namespace agro::ui

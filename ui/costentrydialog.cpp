#include "costentrydialog.h"

#include "costbreakdownchart.h"
#include "formatting.h"
#include "recordscontroller.h"
#include "services/recordservice.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace agro::ui {

CostEntryDialog::CostEntryDialog(RecordsController &records, std::vector<domain::FarmSummary> farms,
                                 QWidget *parent)
    : RecordDialog(parent)
    , m_records(records)
    , m_farms(std::move(farms))
    , m_farm(new QComboBox(this))
    , m_planting(new QComboBox(this))
    , m_category(new QComboBox(this))
    , m_amount(new QDoubleSpinBox(this))
    , m_currency(new QLabel(this))
    , m_date(new QDateEdit(QDate::currentDate(), this))
    , m_allocation(new QComboBox(this))
    , m_description(new QLineEdit(this))
    , m_sharesTable(new QTableWidget(0, 2, this)) {
    setWindowTitle(tr("New cost entry"));
    for (const auto &f : m_farms)
        m_farm->addItem(f.name, f.id);
    for (domain::CostCategory c : domain::kCostCategories)
        m_category->addItem(CostBreakdownChart::categoryName(c), int(c));
    m_amount->setRange(-1e9, 1e9);
    m_amount->setDecimals(2);
    m_amount->setGroupSeparatorShown(true);
    m_amount->setValue(0);
    m_amount->setSpecialValueText(QString());
    m_date->setCalendarPopup(true);
    m_allocation->addItem(tr("By planted area"), QStringLiteral("area"));
    m_allocation->addItem(tr("By explicit shares"), QStringLiteral("shares"));
    m_allocation->setToolTip(tr("How a farm-level cost is split over the plantings of the season"));
    m_description->setMaxLength(500);

    auto *amountRow = new QWidget(this);
    auto *amountLayout = new QHBoxLayout(amountRow);
    amountLayout->setContentsMargins(0, 0, 0, 0);
    amountLayout->addWidget(m_amount, 1);
    amountLayout->addWidget(m_currency);
    addRow(tr("&Farm:"), m_farm, {QStringLiteral("farmId")});
    addRow(tr("&Planting:"), m_planting, {QStringLiteral("plantingId")});
    addRow(tr("C&ategory:"), m_category, {QStringLiteral("category")});
    addRow(tr("A&mount:"), amountRow, {QStringLiteral("amount"), QStringLiteral("currency")});
    addRow(tr("&Date:"), m_date, {QStringLiteral("incurredOn")});
    addRow(tr("A&llocation:"), m_allocation, {QStringLiteral("allocation")});
    addRow(tr("D&escription:"), m_description, {QStringLiteral("description")});
    m_sharesTable->setHorizontalHeaderLabels({tr("Planting (season of the date)"), tr("Share")});
    m_sharesTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_sharesTable->verticalHeader()->setVisible(false);
    m_sharesTable->setMinimumHeight(140);
    m_sharesTable->setWordWrap(false); // one line per planting; long names elide
    m_sharesTable->setTextElideMode(Qt::ElideMiddle);
    m_sharesTable->setToolTip(tr("Relative shares: they are scaled to add up to the whole cost"));
    addRow(tr("S&hares:"), m_sharesTable, {QStringLiteral("shares")});
    finishLayout();

    connect(m_farm, &QComboBox::currentIndexChanged, this, [this] { loadPlantings({}); });
    connect(m_planting, &QComboBox::currentIndexChanged, this, [this] {
        m_allocation->setEnabled(m_planting->currentData().toString().isEmpty());
        rebuildShares();
    });
    connect(m_allocation, &QComboBox::currentIndexChanged, this, &CostEntryDialog::rebuildShares);
    connect(m_date, &QDateEdit::dateChanged, this, &CostEntryDialog::rebuildShares);
    loadPlantings({});
}

void CostEntryDialog::loadPlantings(const QString &selectId) {
    const QString farm = m_farm->currentData().toString();
    for (const auto &f : m_farms)
        if (f.id == farm)
            m_currency->setText(f.currency);
    m_planting->clear();
    m_planting->addItem(tr("Farm level (allocated to the season's plantings)"), QString());
    if (farm.isEmpty())
        return;
    QCoro::connect(services::RecordService::plantings(m_records.workspace(), farm), this,
                   [this, farm, selectId](const Result<std::vector<services::PlantingChoice>> &r) {
                       if (farm != m_farm->currentData().toString())
                           return;
                       if (!r.ok()) {
                           showGeneral(errorText(r.error()));
                           return;
                       }
                       m_choices = r.value();
                       for (const auto &p : m_choices)
                           m_planting->addItem(p.label, p.id);
                       m_planting->setCurrentIndex(std::max(0, m_planting->findData(selectId)));
                       rebuildShares();
                       Q_EMIT plantingsLoaded();
                   });
}

void CostEntryDialog::rebuildShares() {
    const bool byShares = m_planting->currentData().toString().isEmpty() &&
                          m_allocation->currentData().toString() == QLatin1String("shares");
    m_sharesTable->setEnabled(byShares);
    // Keep what was typed before the rebuild.
    for (int r = 0; r < m_sharesTable->rowCount(); ++r)
        if (auto *box = qobject_cast<QDoubleSpinBox *>(m_sharesTable->cellWidget(r, 1)))
            m_shareValues[box->property("planting").toString()] = box->value();
    m_sharesTable->setRowCount(0);
    const QDate date = m_date->date();
    for (const auto &c : m_choices) {
        if (date < c.seasonStart || date > c.seasonEnd)
            continue;
        const int r = m_sharesTable->rowCount();
        m_sharesTable->insertRow(r);
        m_sharesTable->setItem(r, 0, new QTableWidgetItem(c.label));
        auto *box = new QDoubleSpinBox(m_sharesTable);
        box->setRange(0, 1e6);
        box->setDecimals(2);
        box->setProperty("planting", c.id);
        const auto known = m_shareValues.find(c.id);
        box->setValue(known != m_shareValues.end() ? known->second : c.areaHa);
        m_sharesTable->setCellWidget(r, 1, box);
    }
}

std::vector<std::pair<QString, double>> CostEntryDialog::shares() const {
    std::vector<std::pair<QString, double>> out;
    for (int r = 0; r < m_sharesTable->rowCount(); ++r)
        if (auto *box = qobject_cast<QDoubleSpinBox *>(m_sharesTable->cellWidget(r, 1)))
            out.emplace_back(box->property("planting").toString(), box->value());
    return out;
}

void CostEntryDialog::setShare(const QString &plantingId, double share) {
    for (int r = 0; r < m_sharesTable->rowCount(); ++r)
        if (auto *box = qobject_cast<QDoubleSpinBox *>(m_sharesTable->cellWidget(r, 1)))
            if (box->property("planting").toString() == plantingId)
                box->setValue(share);
}

void CostEntryDialog::setEntry(const domain::CostEntry &entry) {
    setWindowTitle(tr("Edit cost entry"));
    m_before = domain::CostWithShares{entry, {}};
    // The entry's shares, so that an edit (and its undo) keeps them.
    QCoro::connect(services::RecordService::costShares(m_records.workspace(), entry.id), this,
                   [this](const Result<std::vector<domain::CostShare>> &r) {
                       if (!r.ok() || !m_before)
                           return;
                       m_before->shares = r.value();
                       for (const auto &s : r.value())
                           m_shareValues[s.plantingId] = s.share;
                       rebuildShares();
                   });
    m_farm->blockSignals(true);
    m_farm->setCurrentIndex(std::max(0, m_farm->findData(entry.farmId)));
    m_farm->blockSignals(false);
    loadPlantings(entry.plantingId);
    m_category->setCurrentIndex(m_category->findData(int(entry.category)));
    m_amount->setValue(entry.amount);
    m_date->setDate(entry.incurredOn);
    m_allocation->setCurrentIndex(std::max(0, m_allocation->findData(entry.allocation)));
    m_description->setText(entry.description);
}

void CostEntryDialog::save() {
    domain::CostEntry e = m_before ? m_before->entry : domain::CostEntry{};
    e.farmId = m_farm->currentData().toString();
    e.plantingId = m_planting->currentData().toString();
    e.category = domain::CostCategory(m_category->currentData().toInt());
    e.amount = m_amount->value();
    e.currency = m_currency->text();
    e.incurredOn = m_date->date();
    e.allocation = m_allocation->currentData().toString();
    e.description = m_description->text().trimmed();
    std::optional<std::vector<domain::CostShare>> shares;
    if (e.plantingId.isEmpty() && e.allocation == QLatin1String("shares")) {
        shares.emplace();
        for (const auto &[planting, share] : this->shares()) {
            domain::CostShare s;
            s.plantingId = planting;
            s.share = share;
            shares->push_back(s);
        }
    }
    saveButton()->setEnabled(false);
    QCoro::connect(
        services::RecordService::saveCost(m_records.workspace(), e, shares), this,
        [this, shares](const Result<services::SaveOutcome<domain::CostEntry>> &r) {
            saveButton()->setEnabled(true);
            if (!r.ok()) {
                showGeneral(tr("Nothing was saved. %1").arg(errorText(r.error())));
                Q_EMIT saveFinished(false);
                return;
            }
            if (!r->saved) {
                showProblems(
                    r->problems,
                    {{QStringLiteral("amount"),
                      tr("Enter a non-zero amount (negative for a refund).")},
                     {QStringLiteral("incurredOn"), tr("Enter the date the cost was incurred.")},
                     {QStringLiteral("farmId"), tr("Choose a farm.")},
                     {QStringLiteral("plantingId"), tr("This planting is not on the chosen farm.")},
                     {QStringLiteral("allocation"), tr("Choose how to split the cost.")},
                     {QStringLiteral("description"), tr("At most 500 characters.")},
                     {QStringLiteral("currency"),
                      tr("The farm keeps its books in another currency.")},
                     {QStringLiteral("shares"),
                      tr("Give at least one planting of the season a share above 0.")}});
                Q_EMIT saveFinished(false);
                return;
            }
            const auto &saved = *r->saved;
            // What undo restores and redo writes: the entry with its shares (ids as stored
            // are regenerated on each write; the shares' content is what counts).
            domain::CostWithShares after{saved, shares.value_or(std::vector<domain::CostShare>{})};
            for (auto &s : after.shares) {
                s.farmId = saved.farmId;
                s.costId = saved.id;
            }
            m_records.recordCostEdit(m_before, after,
                                     (m_before ? tr("Edit cost %1") : tr("Add cost %1"))
                                         .arg(format::moneyExact(saved.amount, saved.currency)));
            Q_EMIT saveFinished(true);
            accept();
        });
}

} // namespace agro::ui

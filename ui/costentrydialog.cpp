#include "costentrydialog.h"

#include "costbreakdownchart.h"
#include "formatting.h"
#include "recordscontroller.h"
#include "services/recordservice.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
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
    , m_description(new QLineEdit(this)) {
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
    finishLayout();

    connect(m_farm, &QComboBox::currentIndexChanged, this, [this] { loadPlantings({}); });
    connect(m_planting, &QComboBox::currentIndexChanged, this,
            [this] { m_allocation->setEnabled(m_planting->currentData().toString().isEmpty()); });
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
                       for (const auto &p : r.value())
                           m_planting->addItem(p.label, p.id);
                       m_planting->setCurrentIndex(std::max(0, m_planting->findData(selectId)));
                       Q_EMIT plantingsLoaded();
                   });
}

void CostEntryDialog::setEntry(const domain::CostEntry &entry) {
    setWindowTitle(tr("Edit cost entry"));
    m_before = entry;
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
    domain::CostEntry e = m_before.value_or(domain::CostEntry{});
    e.farmId = m_farm->currentData().toString();
    e.plantingId = m_planting->currentData().toString();
    e.category = domain::CostCategory(m_category->currentData().toInt());
    e.amount = m_amount->value();
    e.currency = m_currency->text();
    e.incurredOn = m_date->date();
    e.allocation = m_allocation->currentData().toString();
    e.description = m_description->text().trimmed();
    saveButton()->setEnabled(false);
    QCoro::connect(
        services::RecordService::saveCost(m_records.workspace(), e), this,
        [this](const Result<services::SaveOutcome<domain::CostEntry>> &r) {
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
                      tr("The farm keeps its books in another currency.")}});
                Q_EMIT saveFinished(false);
                return;
            }
            const auto &saved = *r->saved;
            m_records.recordCostEdit(m_before, saved,
                                     (m_before ? tr("Edit cost %1") : tr("Add cost %1"))
                                         .arg(format::moneyExact(saved.amount, saved.currency)));
            Q_EMIT saveFinished(true);
            accept();
        });
}

} // namespace agro::ui

#include "harvestdialog.h"

#include "domain/units.h"
#include "recordscontroller.h"
#include "services/recordservice.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace agro::ui {

HarvestDialog::HarvestDialog(RecordsController &records, std::vector<domain::FarmSummary> farms,
                             QWidget *parent)
    : RecordDialog(parent)
    , m_records(records)
    , m_farms(std::move(farms))
    , m_farm(new QComboBox(this))
    , m_planting(new QComboBox(this))
    , m_date(new QDateEdit(QDate::currentDate(), this))
    , m_quantity(new QDoubleSpinBox(this))
    , m_rejected(new QDoubleSpinBox(this))
    , m_unit(new QComboBox(this))
    , m_grade(new QLineEdit(this)) {
    setWindowTitle(tr("New harvest"));
    for (const auto &f : m_farms)
        m_farm->addItem(f.name, f.id);
    m_date->setCalendarPopup(true);
    for (QDoubleSpinBox *b : {m_quantity, m_rejected}) {
        b->setRange(0, 1e9);
        b->setDecimals(2);
        b->setGroupSeparatorShown(true);
    }
    m_unit->addItem(tr("kg"), QStringLiteral("kg"));
    m_unit->addItem(tr("lb"), QStringLiteral("lb"));
    m_unit->addItem(tr("t"), QStringLiteral("t"));
    m_grade->setMaxLength(20);

    addRow(tr("&Farm:"), m_farm, {QStringLiteral("farmId")});
    addRow(tr("&Planting:"), m_planting, {QStringLiteral("plantingId")});
    addRow(tr("&Date:"), m_date, {QStringLiteral("harvestedOn")});
    addRow(tr("&Quantity:"), m_quantity, {QStringLiteral("quantityKg")});
    addRow(tr("&Rejected:"), m_rejected, {QStringLiteral("rejectedKg")});
    addRow(tr("&Unit:"), m_unit, {QStringLiteral("unit")});
    addRow(tr("&Grade:"), m_grade, {QStringLiteral("grade")});
    finishLayout();
    connect(m_farm, &QComboBox::currentIndexChanged, this, &HarvestDialog::loadPlantings);
    loadPlantings();
}

void HarvestDialog::loadPlantings() {
    const QString farm = m_farm->currentData().toString();
    if (farm.isEmpty())
        return;
    QCoro::connect(services::RecordService::plantings(m_records.workspace(), farm), this,
                   [this, farm](const Result<std::vector<services::PlantingChoice>> &r) {
                       if (farm != m_farm->currentData().toString())
                           return;
                       if (!r.ok()) {
                           showGeneral(errorText(r.error()));
                           return;
                       }
                       m_planting->clear();
                       for (const auto &p : r.value())
                           m_planting->addItem(p.label, p.id);
                       if (m_before)
                           m_planting->setCurrentIndex(
                               std::max(0, m_planting->findData(m_before->plantingId)));
                       Q_EMIT plantingsLoaded();
                   });
}

void HarvestDialog::setHarvest(const domain::Harvest &h) {
    setWindowTitle(tr("Edit harvest"));
    m_before = h;
    m_date->setDate(h.harvestedOn);
    m_unit->setCurrentIndex(std::max(0, m_unit->findData(h.enteredUnit)));
    const auto unit =
        domain::massUnitFromKey(h.enteredUnit.toStdString()).value_or(domain::MassUnit::Kilogram);
    m_quantity->setValue(domain::fromKilograms(h.quantityKg, unit));
    m_rejected->setValue(domain::fromKilograms(h.rejectedKg, unit));
    m_grade->setText(h.grade);
    const int index = m_farm->findData(h.farmId);
    if (index == m_farm->currentIndex())
        loadPlantings();
    else
        m_farm->setCurrentIndex(std::max(0, index));
}

void HarvestDialog::save() {
    domain::Harvest h = m_before.value_or(domain::Harvest{});
    h.plantingId = m_planting->currentData().toString();
    h.harvestedOn = m_date->date();
    h.enteredUnit = m_unit->currentData().toString();
    const auto unit =
        domain::massUnitFromKey(h.enteredUnit.toStdString()).value_or(domain::MassUnit::Kilogram);
    h.quantityKg = domain::toKilograms(m_quantity->value(), unit);
    h.rejectedKg = domain::toKilograms(m_rejected->value(), unit);
    h.grade = m_grade->text().trimmed();
    saveButton()->setEnabled(false);
    QCoro::connect(services::RecordService::saveHarvest(m_records.workspace(), h), this,
                   [this](const Result<services::SaveOutcome<domain::Harvest>> &r) {
                       saveButton()->setEnabled(true);
                       if (!r.ok()) {
                           showGeneral(tr("Nothing was saved. %1").arg(errorText(r.error())));
                           Q_EMIT saveFinished(false);
                           return;
                       }
                       if (!r->saved) {
                           const std::map<QString, QString> words = {
                               {QStringLiteral("quantityKg"), tr("Enter a quantity above 0.")},
                               {QStringLiteral("rejectedKg"),
                                tr("The rejected part is between 0 and the quantity.")},
                               {QStringLiteral("plantingId"), tr("Choose a planting.")},
                               {QStringLiteral("harvestedOn"), tr("Enter the harvest date.")}};
                           showProblems(r->problems, words);
                           Q_EMIT saveFinished(false);
                           return;
                       }
                       m_records.recordHarvestEdit(
                           m_before, *r->saved, m_before ? tr("Edit harvest") : tr("Add harvest"));
                       Q_EMIT saveFinished(true);
                       accept();
                   });
}

} // namespace agro::ui

#include "plantingdialog.h"

#include "formatting.h"
#include "recordscontroller.h"
#include "services/financeservice.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace agro::ui {

namespace {
QWidget *withUnit(QWidget *parent, QWidget *input, QLabel *unit) {
    auto *w = new QWidget(parent);
    auto *l = new QHBoxLayout(w);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(input, 1);
    l->addWidget(unit);
    return w;
}
} // namespace

PlantingDialog::PlantingDialog(RecordsController &records, std::vector<domain::FarmSummary> farms,
                               QWidget *parent)
    : RecordDialog(parent)
    , m_records(records)
    , m_farms(std::move(farms))
    , m_farm(new QComboBox(this))
    , m_season(new QComboBox(this))
    , m_field(new QComboBox(this))
    , m_crop(new QComboBox(this))
    , m_area(new QDoubleSpinBox(this))
    , m_areaUnit(new QLabel(this))
    , m_yield(new QDoubleSpinBox(this))
    , m_yieldUnit(new QLabel(this))
    , m_price(new QDoubleSpinBox(this))
    , m_priceUnit(new QLabel(this))
    , m_hasDate(new QCheckBox(tr("Planted on"), this))
    , m_plantedOn(new QDateEdit(QDate::currentDate(), this)) {
    setWindowTitle(tr("New planting"));
    for (const auto &f : m_farms)
        m_farm->addItem(f.name, f.id);
    m_area->setRange(0, 1e6);
    m_area->setDecimals(2);
    m_yield->setRange(0, 1e7);
    m_yield->setDecimals(0);
    m_yield->setGroupSeparatorShown(true);
    m_price->setRange(0, 1e5);
    m_price->setDecimals(3);
    m_plantedOn->setCalendarPopup(true);
    m_plantedOn->setEnabled(false);

    addRow(tr("&Farm:"), m_farm, {QStringLiteral("farmId")});
    addRow(tr("&Season:"), m_season, {QStringLiteral("seasonId")});
    addRow(tr("F&ield:"), m_field, {QStringLiteral("fieldId")});
    addRow(tr("&Crop:"), m_crop, {QStringLiteral("cropId")});
    addRow(tr("Planted &area:"), withUnit(this, m_area, m_areaUnit),
           {QStringLiteral("plantedAreaHa")});
    addRow(tr("E&xpected yield:"), withUnit(this, m_yield, m_yieldUnit),
           {QStringLiteral("expectedYieldKgHa")});
    addRow(tr("Expected &price:"), withUnit(this, m_price, m_priceUnit),
           {QStringLiteral("expectedPricePerKg")});
    auto *dateRow = new QWidget(this);
    auto *dateLayout = new QHBoxLayout(dateRow);
    dateLayout->setContentsMargins(0, 0, 0, 0);
    dateLayout->addWidget(m_hasDate);
    dateLayout->addWidget(m_plantedOn, 1);
    addRow(QString(), dateRow, {});

    finishLayout();

    connect(m_hasDate, &QCheckBox::toggled, m_plantedOn, &QWidget::setEnabled);
    // A message goes as soon as its field is edited.
    const std::pair<QDoubleSpinBox *, const char *> inputs[] = {
        {m_area, "plantedAreaHa"}, {m_yield, "expectedYieldKgHa"}, {m_price, "expectedPricePerKg"}};
    for (const auto &[box, field] : inputs)
        connect(box, &QDoubleSpinBox::valueChanged, this,
                [this, f = QString::fromLatin1(field)] { problemLabel(f)->hide(); });
    connect(m_farm, &QComboBox::currentIndexChanged, this, &PlantingDialog::loadOptions);
    connect(m_field, &QComboBox::currentIndexChanged, this, [this] {
        // A new planting covers the whole field unless told otherwise.
        if (!m_before && m_field->currentIndex() >= 0)
            m_area->setValue(m_units.area_(m_field->currentData(Qt::UserRole + 1).toDouble()));
    });
    loadOptions();
}

void PlantingDialog::loadOptions() {
    const QString farm = m_farm->currentData().toString();
    if (farm.isEmpty())
        return;
    QString currency;
    for (const auto &f : m_farms)
        if (f.id == farm)
            currency = f.currency;
    QCoro::connect(
        services::FinanceService::options(m_records.workspace(), farm), this,
        [this, farm, currency](const Result<services::FinanceOptions> &units) {
            if (!units.ok() || farm != m_farm->currentData().toString())
                return;
            m_units = DisplayUnits::fromKeys(units->areaUnit, units->massUnit);
            m_areaUnit->setText(m_units.areaLabel());
            m_yieldUnit->setText(m_units.massLabel() + QStringLiteral("/") + m_units.areaLabel());
            m_priceUnit->setText(format::currencySymbol(currency).trimmed() + QStringLiteral("/") +
                                 m_units.massLabel());
            QCoro::connect(
                services::RecordService::plantingOptions(m_records.workspace(), farm), this,
                [this, farm](const Result<services::PlantingOptions> &r) {
                    if (farm != m_farm->currentData().toString())
                        return;
                    if (!r.ok()) {
                        showGeneral(errorText(r.error()));
                        return;
                    }
                    const QString season = m_before ? m_before->seasonId : QString();
                    const QString field = m_before ? m_before->fieldId : QString();
                    const QString crop = m_before ? m_before->cropId : QString();
                    for (QComboBox *b : {m_season, m_field, m_crop}) {
                        b->blockSignals(true);
                        b->clear();
                    }
                    for (const auto &s : r->seasons)
                        m_season->addItem(s.name, s.id);
                    for (const auto &f : r->fields) {
                        m_field->addItem(
                            QStringLiteral("%1 (%2 %3)")
                                .arg(f.name, QLocale().toString(m_units.area_(f.areaHa), 'f', 1),
                                     m_units.areaLabel()),
                            f.id);
                        m_field->setItemData(m_field->count() - 1, f.areaHa, Qt::UserRole + 1);
                    }
                    for (const auto &c : r->crops)
                        m_crop->addItem(c.name, c.id);
                    m_season->setCurrentIndex(std::max(0, m_season->findData(season)));
                    m_field->setCurrentIndex(std::max(0, m_field->findData(field)));
                    m_crop->setCurrentIndex(std::max(0, m_crop->findData(crop)));
                    for (QComboBox *b : {m_season, m_field, m_crop})
                        b->blockSignals(false);
                    if (m_before) {
                        m_area->setValue(m_units.area_(m_before->plantedAreaHa));
                        m_yield->setValue(m_units.yield(m_before->expectedYieldKgHa));
                        m_price->setValue(m_units.perMass(m_before->expectedPricePerKg));
                    } else if (m_field->count() > 0) {
                        m_area->setValue(
                            m_units.area_(m_field->currentData(Qt::UserRole + 1).toDouble()));
                    }
                    Q_EMIT optionsLoaded();
                });
        });
}

void PlantingDialog::setPlanting(const domain::Planting &p) {
    setWindowTitle(tr("Edit planting"));
    m_before = p;
    m_hasDate->setChecked(p.plantedOn.isValid());
    if (p.plantedOn.isValid())
        m_plantedOn->setDate(p.plantedOn);
    const int index = m_farm->findData(p.farmId);
    if (index == m_farm->currentIndex())
        loadOptions();
    else
        m_farm->setCurrentIndex(std::max(0, index));
}

void PlantingDialog::save() {
    domain::Planting p = m_before.value_or(domain::Planting{});
    p.farmId = m_farm->currentData().toString();
    p.seasonId = m_season->currentData().toString();
    p.fieldId = m_field->currentData().toString();
    p.cropId = m_crop->currentData().toString();
    // Display units back to the stored ones: ha, kg/ha, money per kg.
    p.plantedAreaHa = domain::toHectares(m_area->value(), m_units.area);
    p.expectedYieldKgHa = m_yield->value() / m_units.yield(1.0);
    p.expectedPricePerKg = m_price->value() / m_units.perMass(1.0);
    p.plantedOn = m_hasDate->isChecked() ? m_plantedOn->date() : QDate();
    saveButton()->setEnabled(false);
    QCoro::connect(
        services::RecordService::savePlanting(m_records.workspace(), p), this,
        [this](const Result<services::SaveOutcome<domain::Planting>> &r) {
            saveButton()->setEnabled(true);
            if (!r.ok()) {
                showGeneral(tr("Nothing was saved. %1").arg(errorText(r.error())));
                Q_EMIT saveFinished(false);
                return;
            }
            if (!r->saved) {
                const std::map<QString, QString> words = {
                    {QStringLiteral("plantedAreaHa"),
                     tr("Enter a planted area above 0, at most the field's area.")},
                    {QStringLiteral("expectedYieldKgHa"), tr("Enter 0 or more.")},
                    {QStringLiteral("expectedPricePerKg"), tr("Enter 0 or more.")},
                    {QStringLiteral("fieldId"), tr("Choose one of this farm's fields.")},
                    {QStringLiteral("seasonId"), tr("Choose one of this farm's seasons.")},
                    {QStringLiteral("cropId"), tr("Choose a crop.")}};
                showProblems(r->problems, words);
                Q_EMIT saveFinished(false);
                return;
            }
            m_records.recordPlantingEdit(m_before, *r->saved,
                                         m_before ? tr("Edit planting") : tr("Add planting"));
            Q_EMIT saveFinished(true);
            accept();
        });
}

} // namespace agro::ui

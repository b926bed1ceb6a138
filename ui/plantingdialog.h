#pragma once

#include "displayunits.h"
#include "domain/dashboard.h"
#include "domain/farm.h"
#include "domain/validation.h"
#include "services/recordservice.h"

#include "recorddialog.h"

#include <map>
#include <optional>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDoubleSpinBox;
class QLabel;
class QPushButton;

namespace agro::ui {

class RecordsController;

/// Add or edit a planting: crop on a field in a season, with the planted area, the planned
/// yield and price, in the farm's own units (ha or ac, kg, lb or t); stored in ha and kg.
class PlantingDialog : public RecordDialog {
    Q_OBJECT
public:
    PlantingDialog(RecordsController &records, std::vector<domain::FarmSummary> farms,
                   QWidget *parent = nullptr);
    void setPlanting(const domain::Planting &p);

    QComboBox *farmBox() const { return m_farm; }
    QComboBox *seasonBox() const { return m_season; }
    QComboBox *fieldBox() const { return m_field; }
    QComboBox *cropBox() const { return m_crop; }
    QDoubleSpinBox *areaBox() const { return m_area; }
    QDoubleSpinBox *yieldBox() const { return m_yield; }
    QDoubleSpinBox *priceBox() const { return m_price; }
    const DisplayUnits &units() const { return m_units; }

Q_SIGNALS:
    void optionsLoaded();

private:
    void loadOptions();
    void save() override;

    RecordsController &m_records;
    std::vector<domain::FarmSummary> m_farms;
    std::optional<domain::Planting> m_before;
    DisplayUnits m_units;
    QComboBox *m_farm;
    QComboBox *m_season;
    QComboBox *m_field;
    QComboBox *m_crop;
    QDoubleSpinBox *m_area;
    QLabel *m_areaUnit;
    QDoubleSpinBox *m_yield;
    QLabel *m_yieldUnit;
    QDoubleSpinBox *m_price;
    QLabel *m_priceUnit;
    QCheckBox *m_hasDate;
    QDateEdit *m_plantedOn;
};

} // namespace agro::ui

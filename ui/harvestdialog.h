#pragma once

#include "domain/costs.h"
#include "domain/dashboard.h"

#include "recorddialog.h"

#include <map>
#include <optional>

class QComboBox;
class QDateEdit;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace agro::ui {

class RecordsController;

/// Add or edit a harvest: the planting, the day, the quantity and the part rejected in a unit
/// the person picks (kg, lb, t; stored in kg), and the grade.
class HarvestDialog : public RecordDialog {
    Q_OBJECT
public:
    HarvestDialog(RecordsController &records, std::vector<domain::FarmSummary> farms,
                  QWidget *parent = nullptr);
    void setHarvest(const domain::Harvest &h);

    QComboBox *farmBox() const { return m_farm; }
    QComboBox *plantingBox() const { return m_planting; }
    QDoubleSpinBox *quantityBox() const { return m_quantity; }
    QDoubleSpinBox *rejectedBox() const { return m_rejected; }
    QComboBox *unitBox() const { return m_unit; }
    QDateEdit *dateBox() const { return m_date; }

Q_SIGNALS:
    void plantingsLoaded();

private:
    void loadPlantings();
    void save() override;

    RecordsController &m_records;
    std::vector<domain::FarmSummary> m_farms;
    std::optional<domain::Harvest> m_before;
    QComboBox *m_farm;
    QComboBox *m_planting;
    QDateEdit *m_date;
    QDoubleSpinBox *m_quantity;
    QDoubleSpinBox *m_rejected;
    QComboBox *m_unit;
    QLineEdit *m_grade;
};

} // namespace agro::ui

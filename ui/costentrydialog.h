#pragma once

#include "domain/costs.h"
#include "domain/dashboard.h"
#include "domain/validation.h"
#include "services/recordservice.h"

#include "recorddialog.h"

#include <map>
#include <optional>

class QComboBox;
class QDateEdit;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace agro::ui {

class RecordsController;

/// Add or edit a cost entry. Enter saves, Esc cancels. The service validates against the
/// workspace; problems appear next to their fields and nothing is written. A saved entry goes
/// on the undo stack.
class CostEntryDialog : public RecordDialog {
    Q_OBJECT
public:
    CostEntryDialog(RecordsController &records, std::vector<domain::FarmSummary> farms,
                    QWidget *parent = nullptr);
    /// Edit an existing entry (otherwise a new one for the first farm).
    void setEntry(const domain::CostEntry &entry);

    // The fields, for keyboard-free tests.
    QComboBox *farmBox() const { return m_farm; }
    QComboBox *plantingBox() const { return m_planting; }
    QComboBox *categoryBox() const { return m_category; }
    QDoubleSpinBox *amountBox() const { return m_amount; }
    QDateEdit *dateBox() const { return m_date; }
    QLineEdit *descriptionBox() const { return m_description; }
    QComboBox *allocationBox() const { return m_allocation; }
    /// Shares of the season's plantings (allocation "by shares"): planting id → share.
    std::vector<std::pair<QString, double>> shares() const;
    /// Sets one planting's share (for tests; the table is what a person edits).
    void setShare(const QString &plantingId, double share);

Q_SIGNALS:
    /// The plantings of the chosen farm are in the list.
    void plantingsLoaded();

private:
    void loadPlantings(const QString &selectId);
    /// The share table: the plantings whose season spans the cost's date, defaulting to their
    /// area (the "area" rule) and keeping what was typed.
    void rebuildShares();
    void save() override;

    RecordsController &m_records;
    std::vector<domain::FarmSummary> m_farms;
    std::optional<domain::CostWithShares> m_before;
    std::vector<services::PlantingChoice> m_choices;
    std::map<QString, double> m_shareValues; ///< planting id → share, as typed or loaded
    QComboBox *m_farm;
    QComboBox *m_planting;
    QComboBox *m_category;
    QDoubleSpinBox *m_amount;
    QLabel *m_currency;
    QDateEdit *m_date;
    QComboBox *m_allocation;
    QLineEdit *m_description;
    QTableWidget *m_sharesTable;
};

} // namespace agro::ui

#pragma once

#include "domain/dashboard.h"
#include "services/recordservice.h"
#include "store/workspace.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace agro::ui {

class CostEntryDialog;
class HarvestDialog;
class PlantingDialog;
class PlantingViewDialog;
class RecordsController;

/// Records: the cost entries, plantings and harvests of a farm and season, each with New
/// (Ins), Edit (Enter or double-click) and Delete (Del), and "Copy season plan" for
/// plantings; every change is undoable (Ctrl+Z / Ctrl+Shift+Z).
class RecordsPage : public QWidget {
    Q_OBJECT
public:
    RecordsPage(RecordsController &records, QWidget *parent = nullptr);

    void setWorkspace(const store::WorkspaceInfo &workspace);
    /// The signed-in person's roles: New, Edit and Delete follow the permission table for
    /// the tab shown.
    void setRoles(const QStringList &roles);
    void refresh();
    /// Opens the cost form, empty or for the entry with this id. Returns the dialog.
    CostEntryDialog *newCost();
    CostEntryDialog *editCost(const QString &id);
    PlantingDialog *newPlanting();
    PlantingDialog *editPlanting(const QString &id);
    /// The planting at a glance: costs, yield against plan and prediction, harvests.
    PlantingViewDialog *viewPlanting(const QString &id);
    HarvestDialog *newHarvest();
    HarvestDialog *editHarvest(const QString &id);
    /// Copies the plantings of season `fromId` into the season named `toName` (created if the
    /// farm has none).
    void copySeasonPlan(const QString &farmId, const QString &fromId, const QString &toName);
    /// Deletes the selected row of the current tab.
    void deleteSelected();
    /// 0 cost entries, 1 plantings, 2 harvests.
    void showTab(int index);
    int rowCount() const;
    int plantingCount() const { return int(m_plantings.size()); }
    int harvestCount() const { return int(m_harvests.size()); }
    const services::PlantingRow &planting(int i) const { return m_plantings[size_t(i)]; }
    const services::HarvestRow &harvest(int i) const { return m_harvests[size_t(i)]; }
    /// The entry shown in a row (for tests).
    const services::CostEntryRow &row(int index) const { return m_rows[size_t(index)]; }
    void selectRow(int index);

    /// The predicted yield shown in a planting row, empty when none.
    QString predictionText(int row) const;

Q_SIGNALS:
    void loaded();
    void predictionsShown();

private:
    RecordsController &m_records;
    store::WorkspaceInfo m_workspace;
    std::vector<domain::FarmSummary> m_farms;
    void refreshPlantings();
    void refreshHarvests();
    void refreshPredictions();
    void copyPlanDialog();

    std::vector<services::CostEntryRow> m_rows;
    std::vector<services::PlantingRow> m_plantings;
    std::vector<services::HarvestRow> m_harvests;
    QComboBox *m_farm;
    QComboBox *m_season;
    QTabWidget *m_tabs;
    QTableWidget *m_table;
    QTableWidget *m_plantingTable;
    QTableWidget *m_harvestTable;
    QLabel *m_status;
    void applyRoles();
    QPushButton *m_add;
    QPushButton *m_edit;
    QPushButton *m_delete;
    QStringList m_roles = {QStringLiteral("owner")};
    quint64 m_serial = 0;
};

} // namespace agro::ui

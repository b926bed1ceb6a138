#pragma once

#include "domain/dashboard.h"
#include "services/recordservice.h"
#include "store/workspace.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace agro::ui {

class CostEntryDialog;
class RecordsController;

/// Records: the cost entries of a farm and season, with New (Ins), Edit (Enter or
/// double-click) and Delete (Del); every change is undoable (Ctrl+Z / Ctrl+Shift+Z).
class RecordsPage : public QWidget {
    Q_OBJECT
public:
    RecordsPage(RecordsController &records, QWidget *parent = nullptr);

    void setWorkspace(const store::WorkspaceInfo &workspace);
    void refresh();
    /// Opens the cost form, empty or for the entry with this id. Returns the dialog.
    CostEntryDialog *newCost();
    CostEntryDialog *editCost(const QString &id);
    void deleteSelected();
    int rowCount() const;
    /// The entry shown in a row (for tests).
    const services::CostEntryRow &row(int index) const { return m_rows[size_t(index)]; }
    void selectRow(int index);

Q_SIGNALS:
    void loaded();

private:
    RecordsController &m_records;
    store::WorkspaceInfo m_workspace;
    std::vector<domain::FarmSummary> m_farms;
    std::vector<services::CostEntryRow> m_rows;
    QComboBox *m_farm;
    QComboBox *m_season;
    QTableWidget *m_table;
    QLabel *m_status;
    QPushButton *m_edit;
    QPushButton *m_delete;
    quint64 m_serial = 0;
};

} // namespace agro::ui

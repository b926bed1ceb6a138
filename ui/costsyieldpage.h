#pragma once

#include "displayunits.h"
#include "domain/finance.h"
#include "store/workspace.h"

#include <QWidget>

#include <map>
#include <optional>

class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace agro::ui {

class CostStackChart;
class FinanceTableModel;
class KpiCard;
class YieldSeasonChart;

/// Costs & Yield: what each crop, field, season or farm cost and earned. Filters by farm,
/// season and crop; groups by crop, field, season, farm or planting; a stacked cost chart with
/// revenue markers (break-even at a glance), expected vs sellable yield by season, a sortable
/// table, drill-down to the entries behind a bar or row, and CSV/PNG export.
class CostsYieldPage : public QWidget {
    Q_OBJECT
public:
    explicit CostsYieldPage(QWidget *parent = nullptr);

    void setWorkspace(const store::WorkspaceInfo &workspace);
    void refresh();

    /// Filter and grouping (empty: all), then shows them. For tests and deep links.
    void setSelection(const QString &farmId, const QString &season, const QString &cropId,
                      domain::FinanceGrouping by, const QString &fieldId = {});

    FinanceTableModel *tableModel() const { return m_model; }
    QTableView *table() const { return m_table; }
    CostStackChart *costChart() const { return m_costChart; }
    YieldSeasonChart *yieldChart() const { return m_yieldChart; }
    KpiCard *card(const QString &key) const;
    const DisplayUnits &units() const { return m_units; }
    /// The groups on screen.
    const std::vector<domain::FinanceGroup> &groups() const { return m_groups; }

    /// Writes the table as CSV (the figures of `agrodesk-cli finance`) / the charts as PNG.
    bool exportTable(const QString &file) const;
    bool exportCharts(const QString &file);
    /// Opens the drill-down for a group key of the current grouping.
    void showCostLines(const QString &key);
    /// Opens the next-season crop ranking for a field.
    void showNextSeason(const QString &fieldId);

Q_SIGNALS:
    void loaded();
    void failed(const QString &message);

private:
    void reloadOptions();
    void reloadData();
    void showSelection();
    domain::FinanceGrouping grouping() const;

    store::WorkspaceInfo m_workspace;
    QComboBox *m_farm;
    QComboBox *m_season;
    QComboBox *m_crop;
    QComboBox *m_field;
    QComboBox *m_groupBy;
    QLabel *m_status;
    std::map<QString, KpiCard *> m_cards;
    CostStackChart *m_costChart;
    YieldSeasonChart *m_yieldChart;
    FinanceTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_table;
    domain::FinanceData m_data; ///< the farm's plantings, every season
    std::vector<domain::FinanceGroup> m_groups;
    DisplayUnits m_units;
    struct Pending {
        QString season;
        QString crop;
        QString field;
    };
    std::optional<Pending> m_pending; ///< selection to apply once a farm's lists are loaded
    quint64 m_serial = 0;
    bool m_updating = false;
};

} // namespace agro::ui

#pragma once

#include "displayunits.h"
#include "domain/finance.h"

#include <QAbstractTableModel>

#include <vector>

namespace agro::ui {

/// The finance figures of each group as a table: formatted text for display, the raw number
/// (in display units) under Qt::UserRole for sorting and tests.
class FinanceTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Name,
        Plantings,
        Area,
        CostPerArea,
        Yield,
        ExpectedYield,
        YieldGap,
        Revenue,
        Margin,
        MarginPerArea,
        Roi,
        CostPerSellable,
        BreakEvenYield,
        MarginChange, ///< margin per area minus the previous season's (season grouping only)
        YieldChange,  ///< sellable yield per area against the previous season's, as a ratio
        ColumnCount
    };

    explicit FinanceTableModel(QObject *parent = nullptr);
    /// With `seasonComparison`, the groups are seasons in order and each row is compared with
    /// the previous season of the same currency (MarginChange, YieldChange); otherwise those
    /// columns are empty (the page hides them).
    void setGroups(std::vector<domain::FinanceGroup> groups, const DisplayUnits &units,
                   bool seasonComparison = false);
    const domain::FinanceGroup &group(int row) const { return m_groups[size_t(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QVariant number(const domain::FinanceGroup &g, int column) const;

    std::vector<domain::FinanceGroup> m_groups;
    std::vector<analytics::CropFigures> m_figures;
    std::vector<int> m_previous; ///< row of the previous season, −1 when none
    DisplayUnits m_units;
};

} // namespace agro::ui

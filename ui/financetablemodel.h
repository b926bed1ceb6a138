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
        ColumnCount
    };

    explicit FinanceTableModel(QObject *parent = nullptr);
    void setGroups(std::vector<domain::FinanceGroup> groups, const DisplayUnits &units);
    const domain::FinanceGroup &group(int row) const { return m_groups[size_t(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QVariant number(const domain::FinanceGroup &g, int column) const;

    std::vector<domain::FinanceGroup> m_groups;
    std::vector<analytics::CropFigures> m_figures;
    DisplayUnits m_units;
};

} // namespace agro::ui

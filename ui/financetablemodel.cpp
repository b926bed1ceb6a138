#include "financetablemodel.h"

#include "formatting.h"

#include <QLocale>

namespace agro::ui {

namespace {
QVariant opt(const std::optional<double> &v) {
    return v ? QVariant(*v) : QVariant();
}
} // namespace

FinanceTableModel::FinanceTableModel(QObject *parent)
    : QAbstractTableModel(parent) {}

void FinanceTableModel::setGroups(std::vector<domain::FinanceGroup> groups,
                                  const DisplayUnits &units, bool seasonComparison) {
    beginResetModel();
    m_groups = std::move(groups);
    m_units = units;
    m_figures.clear();
    m_previous.assign(m_groups.size(), -1);
    for (const auto &g : m_groups)
        m_figures.push_back(analytics::cropFigures(g.account));
    if (seasonComparison) {
        // Season groups come sorted by name (2024, 2025, …): the previous one of the same
        // currency is the comparison (money in different currencies is never compared).
        for (size_t i = 0; i < m_groups.size(); ++i)
            for (size_t j = i; j-- > 0;)
                if (m_groups[j].currency == m_groups[i].currency) {
                    m_previous[i] = int(j);
                    break;
                }
    }
    endResetModel();
}

int FinanceTableModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_groups.size());
}

int FinanceTableModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FinanceTableModel::number(const domain::FinanceGroup &g, int column) const {
    const auto &f = m_figures[size_t(&g - m_groups.data())];
    const auto perArea = [&](const std::optional<double> &v) {
        return v ? QVariant(m_units.perArea(*v)) : QVariant();
    };
    const auto yield = [&](const std::optional<double> &v) {
        return v ? QVariant(m_units.yield(*v)) : QVariant();
    };
    switch (column) {
    case Plantings:
        return g.account.plantings;
    case Area:
        return m_units.area_(g.account.areaHa);
    case CostPerArea:
        return perArea(f.costPerHa);
    case Yield:
        return yield(f.sellableYieldKgHa);
    case ExpectedYield:
        return yield(f.expectedYieldKgHa);
    case YieldGap:
        return opt(f.yieldGapRatio);
    case Revenue:
        return f.revenue;
    case Margin:
        return f.grossMargin;
    case MarginPerArea:
        return perArea(f.marginPerHa);
    case Roi:
        return opt(f.roi);
    case CostPerSellable:
        return f.costPerSellableKg ? QVariant(m_units.perMass(*f.costPerSellableKg)) : QVariant();
    case BreakEvenYield:
        return yield(f.breakEvenYieldKgHa);
    case MarginChange:
    case YieldChange: {
        const int prev = m_previous[size_t(&g - m_groups.data())];
        if (prev < 0)
            return {};
        const auto &pf = m_figures[size_t(prev)];
        if (column == MarginChange)
            return f.marginPerHa && pf.marginPerHa ? QVariant(m_units.perArea(*f.marginPerHa) -
                                                              m_units.perArea(*pf.marginPerHa))
                                                   : QVariant();
        return f.sellableYieldKgHa && pf.sellableYieldKgHa && *pf.sellableYieldKgHa > 0
                   ? QVariant(*f.sellableYieldKgHa / *pf.sellableYieldKgHa - 1.0)
                   : QVariant();
    }
    default:
        return {};
    }
}

QVariant FinanceTableModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= int(m_groups.size()))
        return {};
    const auto &g = m_groups[size_t(index.row())];
    if (index.column() == Name) {
        if (role == Qt::DisplayRole || role == Qt::UserRole)
            return g.label;
        return {};
    }
    const QVariant v = number(g, index.column());
    if (role == Qt::UserRole)
        return v;
    if (role == Qt::TextAlignmentRole)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    if (!v.isValid())
        return QStringLiteral("—");
    const double x = v.toDouble();
    const QLocale locale;
    switch (index.column()) {
    case Plantings:
        return locale.toString(int(x));
    case Area:
        return locale.toString(x, 'f', 1);
    case CostPerArea:
    case MarginPerArea:
    case Revenue:
    case Margin:
        return format::money(x, g.currency);
    case Yield:
    case ExpectedYield:
    case BreakEvenYield:
        return locale.toString(x, 'f', 0);
    case YieldGap:
    case YieldChange:
        return QString((x > 0 ? QStringLiteral("+") : QString()) + format::percent(x));
    case MarginChange:
        return QString((x > 0 ? QStringLiteral("+") : QString()) + format::money(x, g.currency));
    case Roi:
        return format::percent(x);
    case CostPerSellable:
        return QString(format::currencySymbol(g.currency) + locale.toString(x, 'f', 3));
    default:
        return {};
    }
}

QVariant FinanceTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    const QString a = m_units.areaLabel(), m = m_units.massLabel();
    switch (section) {
    case Name:
        return tr("Name");
    case Plantings:
        return tr("Plantings");
    case Area:
        return tr("Area (%1)").arg(a);
    case CostPerArea:
        return tr("Cost / %1").arg(a);
    case Yield:
        return tr("Sellable yield (%1/%2)").arg(m, a);
    case ExpectedYield:
        return tr("Expected (%1/%2)").arg(m, a);
    case YieldGap:
        return tr("Yield gap");
    case Revenue:
        return tr("Revenue");
    case Margin:
        return tr("Gross margin");
    case MarginPerArea:
        return tr("Margin / %1").arg(a);
    case Roi:
        return tr("ROI");
    case CostPerSellable:
        return tr("Cost / sellable %1").arg(m);
    case BreakEvenYield:
        return tr("Break-even yield (%1/%2)").arg(m, a);
    case MarginChange:
        return tr("Margin / %1 vs previous season").arg(a);
    case YieldChange:
        return tr("Yield vs previous season");
    default:
        return {};
    }
}

} // namespace agro::ui

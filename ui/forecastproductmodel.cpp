#include "forecastproductmodel.h"

#include <QLocale>

namespace agro::ui {

Velocity velocityOf(double unitsPerDay) {
    return unitsPerDay >= 10  ? Velocity::Fast
           : unitsPerDay >= 1 ? Velocity::Medium
                              : Velocity::Slow;
}

void ForecastProductModel::setProducts(std::vector<store::DemandProduct> products) {
    beginResetModel();
    m_products = std::move(products);
    endResetModel();
}

const store::DemandProduct *ForecastProductModel::product(const QString &id) const {
    for (const auto &p : m_products)
        if (p.id == id)
            return &p;
    return nullptr;
}

int ForecastProductModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_products.size());
}

int ForecastProductModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ForecastProductModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= int(m_products.size()))
        return {};
    const auto &p = m_products[size_t(index.row())];
    if (role == ProductIdRole)
        return p.id;
    if (role == SortRole && index.column() == UnitsPerDay)
        return p.recentUnitsPerDay;
    if (role == Qt::TextAlignmentRole && index.column() == UnitsPerDay)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != SortRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case Sku:
        return p.sku;
    case Name:
        return p.name;
    case Category:
        return p.category;
    case Farm:
        return p.farmName;
    case UnitsPerDay:
        return QLocale().toString(p.recentUnitsPerDay, 'f', p.recentUnitsPerDay < 10 ? 1 : 0);
    default:
        return {};
    }
}

QVariant ForecastProductModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Sku:
        return tr("SKU");
    case Name:
        return tr("Product");
    case Category:
        return tr("Category");
    case Farm:
        return tr("Farm");
    case UnitsPerDay:
        return tr("Units/day");
    default:
        return {};
    }
}

} // namespace agro::ui

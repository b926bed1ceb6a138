#pragma once

#include "store/demandreader.h"

#include <QAbstractTableModel>

namespace agro::ui {

/// How fast a product sells, for the velocity filter: units per day over the last 90 days.
enum class Velocity { Any, Fast, Medium, Slow };
Velocity velocityOf(double unitsPerDay); ///< fast ≥ 10/day, medium ≥ 1/day, else slow

/// The Forecasts area's product list: SKU, name, category, farm, recent units per day.
class ForecastProductModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Sku, Name, Category, Farm, UnitsPerDay, ColumnCount };
    enum Role { ProductIdRole = Qt::UserRole + 1, SortRole };

    using QAbstractTableModel::QAbstractTableModel;
    void setProducts(std::vector<store::DemandProduct> products);
    const std::vector<store::DemandProduct> &products() const { return m_products; }
    const store::DemandProduct *product(const QString &id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

private:
    std::vector<store::DemandProduct> m_products;
};

} // namespace agro::ui

#pragma once

#include "forecastproductmodel.h"

#include <QSortFilterProxyModel>

namespace agro::ui {

/// Search (SKU, name) and the category, farm and velocity filters.
class ForecastProductFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit ForecastProductFilter(QObject *parent = nullptr);
    void setSearch(const QString &text);
    void setCategory(const QString &category); ///< empty: any
    void setFarm(const QString &farmId);       ///< empty: any
    void setVelocity(Velocity v);

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override;

private:
    QString m_search, m_category, m_farm;
    Velocity m_velocity = Velocity::Any;
};

} // namespace agro::ui

#include "forecastproductfilter.h"

namespace agro::ui {

ForecastProductFilter::ForecastProductFilter(QObject *parent)
    : QSortFilterProxyModel(parent) {
    setSortRole(ForecastProductModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void ForecastProductFilter::setSearch(const QString &text) {
    m_search = text.trimmed();
    invalidateFilter();
}

void ForecastProductFilter::setCategory(const QString &category) {
    m_category = category;
    invalidateFilter();
}

void ForecastProductFilter::setFarm(const QString &farmId) {
    m_farm = farmId;
    invalidateFilter();
}

void ForecastProductFilter::setVelocity(Velocity v) {
    m_velocity = v;
    invalidateFilter();
}

bool ForecastProductFilter::filterAcceptsRow(int row, const QModelIndex &parent) const {
    const auto *model = qobject_cast<const ForecastProductModel *>(sourceModel());
    if (!model || parent.isValid() || row >= int(model->products().size()))
        return false;
    const auto &p = model->products()[size_t(row)];
    if (!m_search.isEmpty() && !p.sku.contains(m_search, Qt::CaseInsensitive) &&
        !p.name.contains(m_search, Qt::CaseInsensitive))
        return false;
    if (!m_category.isEmpty() && p.category != m_category)
        return false;
    if (!m_farm.isEmpty() && p.farmId != m_farm)
        return false;
    return m_velocity == Velocity::Any || velocityOf(p.recentUnitsPerDay) == m_velocity;
}

} // namespace agro::ui

#pragma once

#include "analytics/forecast/forecaster.h"

#include <QTableWidget>

namespace agro::ui {

/// Day by day, the forecast and how the regression builds it: the trend level times the
/// weekday, season, holiday, price/promotion and weather factors. Other models have no such
/// breakdown, and the table says so instead of showing empty columns.
class ForecastBreakdownTable : public QTableWidget {
    Q_OBJECT
public:
    explicit ForecastBreakdownTable(QWidget *parent = nullptr);
    void setForecast(std::int32_t firstDay, const analytics::forecast::ForecastOutcome &outcome);
};

} // namespace agro::ui

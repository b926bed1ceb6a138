#pragma once

#include "services/forecastservice.h"

#include <QChartView>

class QAreaSeries;
class QDateTimeAxis;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace agro::ui {

/// One product's demand: history, the model's one-step fit, the forecast with its 80 % and
/// 95 % bands; or, for a stored run, that run's forecast against what actually sold.
class ForecastChart : public QChartView {
    Q_OBJECT
public:
    explicit ForecastChart(QWidget *parent = nullptr);

    void showForecast(const services::ProductForecastView &view);
    /// `live` supplies the history (which holds the actuals); `past` the stored forecast.
    void showPast(const services::ProductForecastView &live,
                  const services::PastForecastView &past);
    void clear(const QString &message);

    /// Points plotted per series (for tests): history, forecast mean, 95 % band upper line.
    int historyPoints() const;
    int forecastPoints() const;
    /// The upper bound of the 95 % band at forecast step j (for tests).
    double upper95(int j) const;

private:
    void setBands(std::int32_t firstDay, const analytics::forecast::Forecast &f);
    void setHistory(const services::ProductForecastView &view, std::int32_t fromDay);
    void setRange(std::int32_t firstDay, std::int32_t lastDay, double maxValue);

    QLineSeries *m_history;
    QLineSeries *m_fitted;
    QLineSeries *m_mean;
    QLineSeries *m_hi95, *m_lo95, *m_hi80, *m_lo80;
    QAreaSeries *m_band95;
    QAreaSeries *m_band80;
    QScatterSeries *m_actual;
    QDateTimeAxis *m_x;
    QValueAxis *m_y;
};

} // namespace agro::ui

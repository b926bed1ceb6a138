#pragma once

#include "services/sensorservice.h"

#include <QChartView>

class QAreaSeries;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace agro::ui {

/// A sensor's readings over a period with its limits and the episodes the detectors flagged
/// shaded, so a person sees at once what was normal, what was not, and where the limits sit.
class SensorChart : public QChartView {
    Q_OBJECT
public:
    explicit SensorChart(QWidget *parent = nullptr);
    ~SensorChart() override;
    void setSeries(const services::SensorRow &sensor, const services::SensorSeries &series,
                   qint64 from, qint64 to);
    int points() const;
    int episodes() const { return m_episodeCount; }

private:
    QLineSeries *m_values;
    QLineSeries *m_low;
    QLineSeries *m_high;
    QLineSeries *m_bandTop;
    QLineSeries *m_bandBottom;
    QAreaSeries *m_flagged;
    QDateTimeAxis *m_x;
    QValueAxis *m_y;
    int m_episodeCount = 0;
};

} // namespace agro::ui

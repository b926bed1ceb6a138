#pragma once

#include "services/alertservice.h"

#include <QChartView>

class QAreaSeries;
class QDateTimeAxis;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace agro::ui {

/// The evidence behind an alert: the sensor's readings (or the supplier's inspection values)
/// around the episode, its limits, the baseline the detector compared with, and the episode
/// itself shaded.
class AlertEvidenceChart : public QChartView {
    Q_OBJECT
public:
    explicit AlertEvidenceChart(QWidget *parent = nullptr);
    ~AlertEvidenceChart() override;
    void setEvidence(const services::EvidenceSeries &e);
    void clear();
    int points() const;

private:
    QLineSeries *m_values;
    QScatterSeries *m_dots;
    QLineSeries *m_low;
    QLineSeries *m_high;
    QLineSeries *m_baseline;
    QLineSeries *m_bandTop;
    QLineSeries *m_bandBottom;
    QAreaSeries *m_episode;
    QDateTimeAxis *m_x;
    QValueAxis *m_y;
};

} // namespace agro::ui

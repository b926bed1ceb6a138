#pragma once

#include "services/restockservice.h"

#include <QChartView>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace agro::ui {

/// A proposal's stock projection: available stock day by day at the forecast's mean demand,
/// without and with the proposed order (arriving after the lead time), against the reorder
/// point. From the proposal's own explanation figures, so it shows what the rule saw.
class StockProjectionChart : public QChartView {
    Q_OBJECT
public:
    explicit StockProjectionChart(QWidget *parent = nullptr);
    void setProposal(const services::ProposalView &p, std::int32_t asOfDay);
    void clear();
    int points() const;

private:
    QLineSeries *m_without;
    QLineSeries *m_with;
    QLineSeries *m_reorder;
    QDateTimeAxis *m_x;
    QValueAxis *m_y;
};

} // namespace agro::ui

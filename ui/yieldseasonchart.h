#pragma once

#include "displayunits.h"
#include "domain/finance.h"

#include <QChartView>

class QBarCategoryAxis;
class QBarSet;
class QValueAxis;

namespace agro::ui {

/// Expected against sellable yield per area, season by season, for the plantings selected.
class YieldSeasonChart : public QChartView {
    Q_OBJECT
public:
    explicit YieldSeasonChart(QWidget *parent = nullptr);
    /// `seasons` are the season groups of the selection (any season filter ignored). With one
    /// crop the bars are yields per area; across crops, whose yields differ by orders of
    /// magnitude, the sellable yield as a percentage of the expected one.
    void setSeasons(const std::vector<domain::FinanceGroup> &seasons, const DisplayUnits &units,
                    const QString &cropName);
    bool isRelative() const { return m_relative; }
    /// The plotted value of season `index`: sellable yield (per area, or % of expected).
    double sellable(int index) const;
    int seasonCount() const;

private:
    QBarSet *m_expected;
    QBarSet *m_actual;
    QBarCategoryAxis *m_axisX;
    QValueAxis *m_axisY;
    bool m_relative = false;
};

} // namespace agro::ui

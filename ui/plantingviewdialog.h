#pragma once

#include "displayunits.h"
#include "domain/finance.h"

#include <QDialog>

class QLabel;
class QTableWidget;

namespace agro::ui {

/// One planting at a glance: what it cost by category, what it yielded against plan and
/// against the yield model's prediction (made from the earlier seasons only), what it earned,
/// and its harvests — in the farm's units.
class PlantingViewDialog : public QDialog {
    Q_OBJECT
public:
    PlantingViewDialog(const QString &workspace, const QString &farmId, const QString &seasonName,
                       const QString &plantingId, QWidget *parent = nullptr);
    /// The figure shown for a key (area, cost, revenue, margin, roi, predicted, …).
    QString figure(const QString &key) const;

Q_SIGNALS:
    /// Finance, prediction and harvests are all on screen.
    void loaded();

private:
    void setFigure(const QString &key, const QString &text);
    void loadedPart();

    QLabel *m_title;
    std::map<QString, QLabel *> m_figures;
    QTableWidget *m_costs;
    QTableWidget *m_harvests;
    DisplayUnits m_units;
    int m_parts = 0;
};

} // namespace agro::ui

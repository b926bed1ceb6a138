#include "forecastbreakdowntable.h"

#include <QDate>
#include <QHeaderView>
#include <QLocale>

namespace agro::ui {

namespace {
QTableWidgetItem *cell(const QString &text, bool number = true) {
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    if (number)
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}
QString factor(double f) {
    return QStringLiteral("×%1").arg(QLocale().toString(f, 'f', 2));
}
} // namespace

ForecastBreakdownTable::ForecastBreakdownTable(QWidget *parent)
    : QTableWidget(parent) {
    setColumnCount(9);
    setHorizontalHeaderLabels({tr("Date"), tr("Forecast"), tr("80 % interval"), tr("Trend"),
                               tr("Weekday"), tr("Season"), tr("Holiday"), tr("Price/promo"),
                               tr("Weather")});
    verticalHeader()->hide();
    // Sized once per fill (resizeColumnsToContents below): ResizeToContents would re-measure
    // every column on every setItem, which took 130 ms for a 28-day forecast.
    horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    horizontalHeader()->setStretchLastSection(true);
    setAlternatingRowColors(true);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setToolTip(tr("Forecast = trend level × weekday × season × holiday × price/promotion × "
                  "weather (for ensembles, the regression's share of the forecast)"));
}

void ForecastBreakdownTable::setForecast(std::int32_t firstDay,
                                         const analytics::forecast::ForecastOutcome &outcome) {
    const auto &f = outcome.forecast;
    setUpdatesEnabled(false);
    setSortingEnabled(false);
    clearContents();
    setRowCount(int(f.horizon()));
    const bool explained = outcome.breakdown.size() == f.horizon();
    for (int c = 3; c < 9; ++c)
        setColumnHidden(c, !explained);
    const QLocale locale;
    for (int j = 0; j < int(f.horizon()); ++j) {
        const auto js = std::size_t(j);
        const QDate date = QDate(1970, 1, 1).addDays(firstDay + j);
        setItem(j, 0, cell(locale.toString(date, QStringLiteral("ddd d MMM")), false));
        setItem(j, 1, cell(locale.toString(f.mean[js], 'f', 1)));
        setItem(j, 2,
                cell(QStringLiteral("%1 – %2").arg(locale.toString(f.lo80[js], 'f', 1),
                                                   locale.toString(f.hi80[js], 'f', 1))));
        if (!explained)
            continue;
        const auto &b = outcome.breakdown[js];
        setItem(j, 3, cell(locale.toString(b.baseline, 'f', 1)));
        setItem(j, 4, cell(factor(b.weekly)));
        setItem(j, 5, cell(factor(b.yearly)));
        setItem(j, 6, cell(factor(b.holiday)));
        setItem(j, 7, cell(factor(b.pricePromotion)));
        setItem(j, 8, cell(factor(b.weather)));
    }
    resizeColumnsToContents();
    setUpdatesEnabled(true);
}

} // namespace agro::ui

#pragma once

#include "common/progress.h"
#include "store/demandreader.h"
#include "store/forecaststore.h"

#include <QCoroTask>

namespace agro::services {

namespace fc = agro::analytics::forecast;

/// Daily demand forecasts for a workspace's products.
inline constexpr int kDefaultForecastHorizon = 28; ///< days
inline constexpr int kChartHistoryDays = 365;      ///< history shown with a forecast

/// One product's forecast, made now from the workspace's sales, with what the chart needs.
struct ProductForecastView {
    store::DemandProduct product;
    std::int32_t historyStart = 0;  ///< first day of `history`
    std::vector<double> history;    ///< the last ≤ 365 days; NaN on stock-out days
    std::vector<double> fitted;     ///< one-step fit over the same days (NaN where none)
    std::int32_t forecastStart = 0; ///< first forecast day (the day after the last sale)
    fc::ForecastOutcome outcome;
};

/// A stored run's forecast for one product next to what actually sold since.
struct PastForecastView {
    store::ForecastRunInfo run;
    store::StoredForecast stored;
    std::vector<double> actual; ///< per forecast day; NaN not yet known or a stock-out
    int compared = 0;           ///< days with an actual
    double mae = 0;             ///< mean |actual − forecast| over those days
    double coverage95 = 0;      ///< share of them inside the 95 % band
};

struct ForecastRunOutcome {
    store::ForecastRunInfo run;
    int failed = 0; ///< products with too little data for any forecast
};

/// The options the engine gets for one product: daily (m = 7), the product's price and
/// promotion history and its farm's temperatures as drivers; the future at the list price,
/// no promotion, normal weather. Exponential smoothing sees the last 53 weeks.
fc::ForecastOptions forecastOptionsFor(const store::DemandProduct &product,
                                       const store::DemandSeries &series,
                                       const std::vector<double> *farmTmax,
                                       std::int32_t tmaxFirstDay, int horizon);

Result<std::vector<store::DemandProduct>> forecastProducts(store::Connection &db);
Result<ProductForecastView> forecastProduct(store::Connection &db, const QString &productId,
                                            int horizon);
/// Forecasts every product on `threads` workers (0 = one per core) and stores the run;
/// Cancelled (storing nothing) when progress is cancelled.
Result<ForecastRunOutcome> runAllForecasts(store::Connection &db, int horizon, Progress &progress,
                                           int threads = 0);
Result<PastForecastView> pastForecast(store::Connection &db, const QString &runId,
                                      const QString &productId);

/// The same on workers, each with its own connection.
class ForecastService {
public:
    static QCoro::Task<Result<std::vector<store::DemandProduct>>> products(QString workspace);
    static QCoro::Task<Result<ProductForecastView>> product(QString workspace, QString productId,
                                                            int horizon);
    static QCoro::Task<Result<ForecastRunOutcome>> runAll(QString workspace, int horizon,
                                                          ProgressPtr progress);
    static QCoro::Task<Result<std::vector<store::ForecastRunInfo>>> runs(QString workspace);
    static QCoro::Task<Result<PastForecastView>> past(QString workspace, QString runId,
                                                      QString productId);
};

} // namespace agro::services

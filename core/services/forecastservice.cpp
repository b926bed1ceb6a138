#include "forecastservice.h"

#include "store/workspace.h"
#include "worker.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <atomic>
#include <cmath>
#include <thread>

namespace agro::services {

namespace {

/// ETS on daily data: the last 53 weeks (see forecastOptionsFor).
constexpr int kDailyEtsWindow = 371;

Result<store::DemandProduct> productById(store::Connection &db, const QString &productId) {
    auto one = store::DemandReader::products(db, productId);
    if (!one.ok())
        return one.error();
    if (!one->empty())
        return std::move(one->front());
    return Error::make(ErrorCode::NotFound,
                       QStringLiteral("product %1 has no sales").arg(productId));
}

QString engineVersion() {
    const QString v = QCoreApplication::applicationVersion();
    return v.isEmpty() ? QStringLiteral("dev") : v;
}

} // namespace

fc::ForecastOptions forecastOptionsFor(const store::DemandProduct &product,
                                       const store::DemandSeries &series,
                                       const std::vector<double> *farmTmax,
                                       std::int32_t tmaxFirstDay, int horizon) {
    fc::ForecastOptions o;
    o.horizon = horizon;
    o.period = 7;
    o.backtest = true;
    o.backtestOrigins = 3;
    o.recentWindow = kDailyEtsWindow;
    o.simulationPaths = 1000;
    const auto n = series.quantity.size();
    o.drivers.resize(n + static_cast<std::size_t>(horizon));
    double lastPrice = product.price > 0 ? product.price : std::nan("");
    auto tmaxOf = [&](std::int32_t day) {
        if (!farmTmax)
            return std::nan("");
        const std::int64_t i = std::int64_t{day} - tmaxFirstDay;
        return i >= 0 && i < static_cast<std::int64_t>(farmTmax->size())
                   ? (*farmTmax)[static_cast<std::size_t>(i)]
                   : std::nan("");
    };
    for (std::size_t t = 0; t < o.drivers.size(); ++t) {
        auto &d = o.drivers[t];
        d.day = series.firstDay + static_cast<std::int32_t>(t);
        if (t < n) {
            if (std::isfinite(series.price[t]))
                lastPrice = series.price[t];
            d.price = lastPrice;
            d.promotion = series.promotion[t] != 0;
            d.tmaxC = tmaxOf(d.day);
        } else {
            d.price = product.price > 0 ? product.price : lastPrice;
            d.promotion = false;
            d.tmaxC = std::nan(""); // unknown: the model uses the normal for the date
        }
    }
    return o;
}

Result<std::vector<store::DemandProduct>> forecastProducts(store::Connection &db) {
    return store::DemandReader::products(db);
}

Result<ProductForecastView> forecastProduct(store::Connection &db, const QString &productId,
                                            int horizon) {
    if (horizon <= 0 || horizon > 366)
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("horizon %1 (1–366 days)").arg(horizon));
    auto product = productById(db, productId);
    if (!product.ok())
        return product.error();
    auto last = store::DemandReader::lastSalesDay(db);
    if (!last.ok())
        return last.error();
    auto series = store::DemandReader::series(db, product->lid, last.value());
    if (!series.ok())
        return series.error();
    auto tmax = store::DemandReader::maxTemperatures(db, series->firstDay, last.value());
    if (!tmax.ok())
        return tmax.error();
    const auto it = tmax->find(product->farmLid);
    const std::vector<double> *farmTmax = it == tmax->end() ? nullptr : &it->second;
    const fc::ForecastOptions o =
        forecastOptionsFor(product.value(), series.value(), farmTmax, series->firstDay, horizon);
    ProductForecastView v;
    v.outcome = fc::forecastSeries(series->quantity, o);
    if (!v.outcome.ok())
        return Error::make(
            ErrorCode::InvalidArgument,
            QStringLiteral("%1: %2").arg(product->sku, QString::fromStdString(v.outcome.error)));
    const std::size_t n = series->quantity.size();
    const std::size_t shown = std::min<std::size_t>(n, kChartHistoryDays);
    v.historyStart = series->firstDay + static_cast<std::int32_t>(n - shown);
    v.history.assign(series->quantity.end() - static_cast<long>(shown), series->quantity.end());
    v.fitted.assign(v.outcome.fitted.end() - static_cast<long>(shown), v.outcome.fitted.end());
    v.forecastStart = last.value() + 1;
    v.product = std::move(product.value());
    return v;
}

Result<ForecastRunOutcome> runAllForecasts(store::Connection &db, int horizon, Progress &progress,
                                           int threads) {
    QElapsedTimer timer;
    timer.start();
    auto products = store::DemandReader::products(db);
    if (!products.ok())
        return products.error();
    auto last = store::DemandReader::lastSalesDay(db);
    if (!last.ok())
        return last.error();
    const auto count = static_cast<std::int64_t>(products->size());
    // Reading counts as one tenth of the work, forecasting as the rest.
    progress.set(0, count * 10);
    std::unordered_map<std::int64_t, std::size_t> indexOf;
    std::int32_t firstDay = last.value();
    for (std::size_t i = 0; i < products->size(); ++i)
        indexOf[(*products)[i].lid] = i;
    std::vector<store::DemandSeries> series(products->size());
    std::int64_t read = 0;
    AGRO_TRY(store::DemandReader::forEachSeries(
        db, last.value(), [&](std::int64_t lid, store::DemandSeries &&s) {
            const auto it = indexOf.find(lid);
            if (it != indexOf.end()) {
                firstDay = std::min(firstDay, s.firstDay);
                series[it->second] = std::move(s);
            }
            progress.done.store(++read, std::memory_order_relaxed);
            return !progress.isCancelled();
        }));
    if (progress.isCancelled())
        return Error::make(ErrorCode::Cancelled, QStringLiteral("forecast run"));
    auto tmax = store::DemandReader::maxTemperatures(db, firstDay, last.value());
    if (!tmax.ok())
        return tmax.error();

    std::vector<store::StoredForecast> results(products->size());
    std::vector<char> ok(products->size(), 0);
    std::atomic<std::size_t> next{0};
    std::atomic<std::int64_t> done{0};
    auto worker = [&] {
        for (std::size_t i = next++; i < products->size(); i = next++) {
            if (progress.isCancelled())
                return;
            const auto &p = (*products)[i];
            const auto it = tmax->find(p.farmLid);
            const fc::ForecastOptions o = forecastOptionsFor(
                p, series[i], it == tmax->end() ? nullptr : &it->second, firstDay, horizon);
            const fc::ForecastOutcome r = fc::forecastSeries(series[i].quantity, o);
            if (r.ok()) {
                auto &s = results[i];
                s.productLid = p.lid;
                s.model = QString::fromStdString(r.model);
                s.pattern = QString::fromStdString(r.pattern);
                s.backtest = r.backtest;
                s.values = r.forecast;
                ok[i] = 1;
            }
            progress.done.store(count + 9 * ++done, std::memory_order_relaxed);
        }
    };
    const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
    const unsigned n = threads > 0 ? static_cast<unsigned>(threads) : hw;
    std::vector<std::thread> pool;
    for (unsigned k = 1; k < n; ++k)
        pool.emplace_back(worker);
    worker();
    for (auto &t : pool)
        t.join();
    if (progress.isCancelled())
        return Error::make(ErrorCode::Cancelled, QStringLiteral("forecast run"));

    ForecastRunOutcome out;
    std::vector<store::StoredForecast> kept;
    kept.reserve(results.size());
    for (std::size_t i = 0; i < results.size(); ++i) {
        if (ok[i])
            kept.push_back(std::move(results[i]));
        else
            ++out.failed;
    }
    out.run.createdAt = QDateTime::currentDateTimeUtc();
    out.run.firstDay = last.value() + 1;
    out.run.horizon = horizon;
    out.run.method = QStringLiteral("auto");
    out.run.engineVersion = engineVersion();
    out.run.seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    AGRO_TRY(store::ForecastStore::save(db, out.run, kept));
    progress.done.store(count * 10, std::memory_order_relaxed);
    return out;
}

Result<PastForecastView> pastForecast(store::Connection &db, const QString &runId,
                                      const QString &productId) {
    auto runs = store::ForecastStore::runs(db);
    if (!runs.ok())
        return runs.error();
    PastForecastView v;
    bool found = false;
    for (auto &r : runs.value())
        if (r.id == runId) {
            v.run = r;
            found = true;
        }
    if (!found)
        return Error::make(ErrorCode::NotFound, QStringLiteral("forecast run %1").arg(runId));
    auto product = productById(db, productId);
    if (!product.ok())
        return product.error();
    auto stored = store::ForecastStore::load(db, runId, product->lid);
    if (!stored.ok())
        return stored.error();
    if (!stored->has_value())
        return Error::make(ErrorCode::NotFound,
                           QStringLiteral("%1 in forecast run %2").arg(product->sku, runId));
    v.stored = std::move(**stored);
    const int h = static_cast<int>(v.stored.values.horizon());
    auto last = store::DemandReader::lastSalesDay(db);
    if (!last.ok())
        return last.error();
    auto series = store::DemandReader::series(db, product->lid, last.value());
    if (!series.ok())
        return series.error();
    v.actual.assign(static_cast<std::size_t>(h), std::nan(""));
    int in95 = 0;
    double absErr = 0;
    for (int j = 0; j < h; ++j) {
        const std::int64_t idx = std::int64_t{v.run.firstDay} + j - series->firstDay;
        if (v.run.firstDay + j > last.value() || idx < 0 ||
            idx >= static_cast<std::int64_t>(series->quantity.size()))
            continue;
        const double a = series->quantity[static_cast<std::size_t>(idx)];
        v.actual[static_cast<std::size_t>(j)] = a;
        if (!std::isfinite(a))
            continue;
        const auto js = static_cast<std::size_t>(j);
        ++v.compared;
        absErr += std::abs(a - v.stored.values.mean[js]);
        in95 += a >= v.stored.values.lo95[js] && a <= v.stored.values.hi95[js];
    }
    if (v.compared > 0) {
        v.mae = absErr / v.compared;
        v.coverage95 = static_cast<double>(in95) / v.compared;
    }
    return v;
}

QCoro::Task<Result<std::vector<store::DemandProduct>>>
ForecastService::products(QString workspace) {
    auto work = [workspace]() -> Result<std::vector<store::DemandProduct>> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        return forecastProducts(db.value());
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<ProductForecastView>> ForecastService::product(QString workspace,
                                                                  QString productId, int horizon) {
    auto work = [workspace, productId, horizon]() -> Result<ProductForecastView> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        return forecastProduct(db.value(), productId, horizon);
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<ForecastRunOutcome>> ForecastService::runAll(QString workspace, int horizon,
                                                                ProgressPtr progress) {
    // On the writer thread: the run ends in a write, and a single writer keeps writes ordered.
    // The forecasting itself fans out to its own bounded pool inside.
    auto work = [workspace, horizon, progress]() -> Result<ForecastRunOutcome> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        return runAllForecasts(db.value(), horizon, *progress);
    };
    auto task = onWriter(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<std::vector<store::ForecastRunInfo>>> ForecastService::runs(QString workspace) {
    auto work = [workspace]() -> Result<std::vector<store::ForecastRunInfo>> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        return store::ForecastStore::runs(db.value());
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<PastForecastView>> ForecastService::past(QString workspace, QString runId,
                                                            QString productId) {
    auto work = [workspace, runId, productId]() -> Result<PastForecastView> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        return pastForecast(db.value(), runId, productId);
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

} // namespace agro::services

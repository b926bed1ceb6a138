#include "restocksimulation.h"

#include "analytics/forecast/dailyregression.h"
#include "analytics/forecast/seasonal.h"
#include "analytics/inventory/policysimulation.h"
#include "forecastservice.h"
#include "store/demandreader.h"

#include <QElapsedTimer>

#include <atomic>
#include <cmath>
#include <numeric>
#include <thread>

namespace agro::services {

namespace inv = agro::analytics::inventory;

namespace {

constexpr int kMinHistory = 180; ///< days of history before the replay a forecast needs
constexpr int kFitWindow = 365;  ///< days the replay's regression is fitted on

/// One product prepared for replay: its demand, and the forecasts made at each refresh day.
struct ReplayItem {
    const store::DemandProduct *product = nullptr;
    std::vector<double> demand; ///< stock-out days filled by interpolation (wanted, not sold)
    int first = 0, last = 0;    ///< replay days, as indexes into demand
    std::vector<int> refreshDays;
    std::vector<inv::DailyForecast> model, naive;
    double fixedDaily = 0; ///< the 4-month average before the replay
};

inv::ItemInputs inputsFor(const store::DemandProduct &p, double target) {
    inv::ItemInputs in;
    in.leadTimeDays = p.leadTimeDays;
    in.unitCost = p.unitCost;
    in.orderingCost = p.orderingCost;
    in.holdingRate = p.holdingRate;
    in.packSize = p.packSize;
    in.minOrderQty = p.minOrderQty;
    in.targetFillRate = target;
    return in;
}

/// Seasonal naive (m = 7) made on day t for the next `h` days, with FPP3's interval
/// sd·√(1 + ⌊j/7⌋), sd from the last 8 weeks' weekly differences.
inv::DailyForecast seasonalNaive(const std::vector<double> &y, int t, int h) {
    inv::DailyForecast f;
    double ss = 0;
    int n = 0;
    for (int i = std::max(7, t - 55); i <= t; ++i, ++n)
        ss += (y[static_cast<std::size_t>(i)] - y[static_cast<std::size_t>(i - 7)]) *
              (y[static_cast<std::size_t>(i)] - y[static_cast<std::size_t>(i - 7)]);
    const double sd = n > 0 ? std::sqrt(ss / n) : 0.0;
    for (int j = 0; j < h; ++j) {
        f.mean.push_back(y[static_cast<std::size_t>(t - 6 + j % 7)]);
        f.sd.push_back(sd * std::sqrt(1.0 + j / 7));
    }
    return f;
}

/// Replays one item with a policy renewed on each refresh day from `forecasts`.
inv::ReplayResult replayItem(const ReplayItem &item,
                             const std::vector<inv::DailyForecast> &forecasts, double target) {
    const store::DemandProduct &p = *item.product;
    inv::ItemPolicy current;
    std::size_t next = 0;
    double startStock = 0;
    {
        inv::ItemInputs in = inputsFor(p, target);
        in.dailyMean = forecasts.front().mean;
        in.dailySd = forecasts.front().sd;
        const inv::ItemPolicy p0 = inv::computePolicy(in);
        startStock = p0.reorderPoint + p0.orderQuantity;
    }
    auto policy = [&](int day, double onHand, double onOrder) {
        while (next < item.refreshDays.size() && item.refreshDays[next] <= day) {
            inv::ItemInputs in = inputsFor(p, target);
            in.dailyMean = forecasts[next].mean;
            in.dailySd = forecasts[next].sd;
            current = inv::computePolicy(in);
            ++next;
        }
        inv::ItemPolicy today = current;
        const double position = onHand + onOrder;
        today.reorder = current.leadTimeDemandMean > 0 && position <= current.reorderPoint;
        today.proposedQuantity =
            today.reorder ? inv::roundOrder(current.reorderPoint + current.orderQuantity - position,
                                            p.packSize, p.minOrderQty)
                          : 0.0;
        return today;
    };
    return inv::replayPolicy(item.demand, item.first, item.last, p.leadTimeDays, startStock,
                             policy);
}

/// A fixed reorder level: factor × the 4-month average × (lead time + 1 day), EOQ on that
/// average — the static "min level" of an ERP screen.
inv::ReplayResult replayFixed(const ReplayItem &item, double factor) {
    const store::DemandProduct &p = *item.product;
    inv::ItemInputs in = inputsFor(p, 0.95);
    in.dailyMean.assign(30, item.fixedDaily);
    const double q = inv::computePolicy(in).orderQuantity;
    const double level = factor * item.fixedDaily * (p.leadTimeDays + 1);
    auto policy = [&](int, double onHand, double onOrder) {
        inv::ItemPolicy today;
        const double position = onHand + onOrder;
        today.reorder = item.fixedDaily > 0 && position <= level;
        today.proposedQuantity =
            today.reorder ? inv::roundOrder(level + q - position, p.packSize, p.minOrderQty) : 0.0;
        return today;
    };
    return inv::replayPolicy(item.demand, item.first, item.last, p.leadTimeDays, level + q, policy);
}

PolicyOutcome summarise(const std::vector<ReplayItem> &items,
                        const std::vector<inv::ReplayResult> &results) {
    PolicyOutcome o;
    double demand = 0, served = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto &r = results[i];
        const auto &p = *items[i].product;
        demand += r.demand;
        served += r.served;
        o.averageInventoryValue += r.averageStock() * p.unitCost;
        o.stockoutDays += r.stockoutDays;
        o.orders += r.orders;
        o.holdingCost += r.inventoryUnitDays * p.unitCost * p.holdingRate / 365.0;
        o.orderingCost += r.orders * p.orderingCost;
    }
    o.fillRate = demand > 0 ? served / demand : 1.0;
    return o;
}

template<class F> void parallelFor(std::size_t n, int threads, F work) {
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t i = next++; i < n; i = next++)
            work(i);
    };
    const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
    const unsigned count = threads > 0 ? static_cast<unsigned>(threads) : hw;
    std::vector<std::thread> pool;
    for (unsigned k = 1; k < count; ++k)
        pool.emplace_back(worker);
    worker();
    for (auto &t : pool)
        t.join();
}

} // namespace

struct PreparedReplay {
    RestockSimulationOptions options;
    std::int32_t firstDay = 0, lastDay = 0;
    std::vector<store::DemandProduct> products;
    std::vector<ReplayItem> items; ///< covered products; `product` points into `products`
    int skipped = 0;
    double prepareSeconds = 0;
};

Result<std::shared_ptr<const PreparedReplay>>
prepareRestockReplay(store::Connection &db, const RestockSimulationOptions &o, Progress &progress) {
    QElapsedTimer timer;
    timer.start();
    if (o.days < 28 || o.refitEvery < 1 || !(o.targetFillRate > 0 && o.targetFillRate < 1))
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("simulation: days ≥ 28, refit ≥ 1, 0 < target < 1"));
    auto prepared = std::make_shared<PreparedReplay>();
    prepared->options = o;
    auto products = store::DemandReader::products(db);
    if (!products.ok())
        return products.error();
    prepared->products = std::move(products.value());
    auto last = store::DemandReader::lastSalesDay(db);
    if (!last.ok())
        return last.error();
    prepared->lastDay = last.value();
    prepared->firstDay = last.value() - o.days + 1;
    const auto &plist = prepared->products;
    std::unordered_map<std::int64_t, std::size_t> indexOf;
    for (std::size_t i = 0; i < plist.size(); ++i)
        indexOf[plist[i].lid] = i;
    std::vector<store::DemandSeries> series(plist.size());
    std::int32_t firstDay = last.value();
    AGRO_TRY(store::DemandReader::forEachSeries(db, last.value(),
                                                [&](std::int64_t lid, store::DemandSeries &&s) {
                                                    const auto it = indexOf.find(lid);
                                                    if (it != indexOf.end()) {
                                                        firstDay = std::min(firstDay, s.firstDay);
                                                        series[it->second] = std::move(s);
                                                    }
                                                    return !progress.isCancelled();
                                                }));
    auto tmax = store::DemandReader::maxTemperatures(db, firstDay, last.value());
    if (!tmax.ok())
        return tmax.error();
    // A shorter history replays what it can: at most what leaves 180 days before the period.
    const int available = last.value() - firstDay + 1 - kMinHistory;
    if (available < o.days) {
        if (available < 28)
            return Error::make(ErrorCode::NotFound,
                               QStringLiteral("%1 days of sales history: a replay needs %2")
                                   .arg(last.value() - firstDay + 1)
                                   .arg(kMinHistory + 28));
        prepared->options.days = available;
        prepared->firstDay = last.value() - available + 1;
    }
    const int days = prepared->options.days;

    std::vector<ReplayItem> items(plist.size());
    std::vector<char> covered(plist.size(), 0);
    std::atomic<std::int64_t> done{0};
    progress.set(0, static_cast<std::int64_t>(plist.size()));
    const std::int32_t simFirst = prepared->firstDay;
    parallelFor(plist.size(), o.threads, [&](std::size_t i) {
        if (progress.isCancelled())
            return;
        const auto &p = plist[i];
        const auto &s = series[i];
        progress.done.store(++done, std::memory_order_relaxed);
        const int n = static_cast<int>(s.quantity.size());
        const int first = simFirst - s.firstDay;
        if (first < kMinHistory || n - first != days)
            return;
        ReplayItem item;
        item.product = &p;
        item.demand = s.quantity;
        analytics::forecast::fillGaps(item.demand);
        item.first = first;
        item.last = n - 1;
        double wanted = 0;
        for (int t = first; t < n; ++t)
            wanted += item.demand[static_cast<std::size_t>(t)];
        if (wanted <= 0)
            return;
        double avg = 0;
        for (int t = first - 120; t < first; ++t)
            avg += item.demand[static_cast<std::size_t>(t)];
        item.fixedDaily = avg / 120.0;
        const auto it = tmax->find(p.farmLid);
        const int horizon = o.refitEvery + p.leadTimeDays + 2;
        // Drivers for the whole history plus the horizon; weather beyond a forecast's own day
        // is hidden below (it was not known then).
        const auto options =
            forecastOptionsFor(p, s, it == tmax->end() ? nullptr : &it->second, firstDay, horizon);
        for (int t = first - 1; t < n - 1; t += o.refitEvery) {
            // The forecast made on the evening of day t, for days t + 1 onwards.
            item.refreshDays.push_back(t);
            const int from = std::max(0, t + 1 - kFitWindow);
            const std::vector<double> y(item.demand.begin() + from, item.demand.begin() + t + 1);
            const std::vector<analytics::forecast::DailyDrivers> hist(
                options.drivers.begin() + from, options.drivers.begin() + t + 1);
            std::vector<analytics::forecast::DailyDrivers> fut(
                options.drivers.begin() + t + 1, options.drivers.begin() + t + 1 + horizon);
            for (auto &d : fut)
                d.tmaxC = std::nan("");
            const auto r = analytics::forecast::dailyRegressionForecast(y, hist, fut);
            inv::DailyForecast f = seasonalNaive(item.demand, t, horizon);
            item.naive.push_back(f);
            if (r) {
                const auto &fc = r->model.forecast;
                f.mean = fc.mean;
                for (std::size_t j = 0; j < fc.horizon(); ++j)
                    f.sd[j] = (fc.hi95[j] - fc.lo95[j]) / (2 * 1.959963984540054);
            }
            item.model.push_back(std::move(f));
        }
        items[i] = std::move(item);
        covered[i] = 1;
    });
    if (progress.isCancelled())
        return Error::make(ErrorCode::Cancelled, QStringLiteral("restock simulation"));
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (covered[i])
            prepared->items.push_back(std::move(items[i]));
        else
            ++prepared->skipped;
    }
    if (prepared->items.empty())
        return Error::make(ErrorCode::NotFound,
                           QStringLiteral("no product has %1 days of sales history before the "
                                          "simulated period")
                               .arg(kMinHistory));
    prepared->prepareSeconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    return std::shared_ptr<const PreparedReplay>(std::move(prepared));
}

Result<RestockSimulation> runRestockReplay(const PreparedReplay &prepared, double target,
                                           Progress &progress) {
    QElapsedTimer timer;
    timer.start();
    if (!(target > 0 && target < 1))
        return Error::make(ErrorCode::InvalidArgument, QStringLiteral("0 < target < 1"));
    const auto &kept = prepared.items;
    const int threads = prepared.options.threads;
    RestockSimulation sim;
    sim.targetFillRate = target;
    sim.firstDay = prepared.firstDay;
    sim.lastDay = prepared.lastDay;
    sim.products = static_cast<int>(kept.size());
    sim.skipped = prepared.skipped;
    std::vector<inv::ReplayResult> results(kept.size());
    auto runModel = [&](double t) {
        parallelFor(kept.size(), threads,
                    [&](std::size_t i) { results[i] = replayItem(kept[i], kept[i].model, t); });
        return summarise(kept, results);
    };
    auto runNaive = [&](double t) {
        parallelFor(kept.size(), threads,
                    [&](std::size_t i) { results[i] = replayItem(kept[i], kept[i].naive, t); });
        return summarise(kept, results);
    };
    auto runFixed = [&](double factor) {
        parallelFor(kept.size(), threads,
                    [&](std::size_t i) { results[i] = replayFixed(kept[i], factor); });
        return summarise(kept, results);
    };
    progress.set(0, 37);
    auto step = [&] { progress.done.fetch_add(1, std::memory_order_relaxed); };
    sim.policy = runModel(target);
    sim.naive = runNaive(target);
    sim.fixedLevel = runFixed(1.0);
    step();
    // Tune each baseline to the policy's achieved fill rate by bisection (fill rate rises with
    // the target and the level factor).
    const double goal = sim.policy.fillRate;
    double lo = 0.5, hi = 0.9995;
    for (int k = 0; k < 16 && !progress.isCancelled(); ++k, step()) {
        const double mid = 0.5 * (lo + hi);
        (runNaive(mid).fillRate < goal ? lo : hi) = mid;
    }
    sim.naiveTarget = hi;
    sim.naiveAtSameFill = runNaive(hi);
    lo = 0.0;
    hi = 6.0;
    for (int k = 0; k < 18 && !progress.isCancelled(); ++k, step()) {
        const double mid = 0.5 * (lo + hi);
        (runFixed(mid).fillRate < goal ? lo : hi) = mid;
    }
    sim.fixedFactor = hi;
    sim.fixedAtSameFill = runFixed(hi);
    if (progress.isCancelled())
        return Error::make(ErrorCode::Cancelled, QStringLiteral("restock simulation"));
    progress.done.store(progress.total.load());
    sim.seconds = prepared.prepareSeconds + static_cast<double>(timer.nsecsElapsed()) / 1e9;
    return sim;
}

Result<RestockSimulation> simulateRestock(store::Connection &db, const RestockSimulationOptions &o,
                                          Progress &progress) {
    auto prepared = prepareRestockReplay(db, o, progress);
    if (!prepared.ok())
        return prepared.error();
    return runRestockReplay(*prepared.value(), o.targetFillRate, progress);
}

} // namespace agro::services

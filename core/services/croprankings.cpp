#include "croprankings.h"

#include "store/financereader.h"
#include "store/workspace.h"
#include "store/yieldreader.h"
#include "worker.h"

#include <map>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace agro::services {

namespace {
constexpr double kZ80 = 1.2815515655446004;

struct Moments {
    double mean = 0;
    double sd = 0;
};

/// Mean and sample standard deviation; with one value, the spread falls back to `share` of it.
Moments moments(const std::vector<double> &v, double share) {
    Moments m;
    if (v.empty())
        return m;
    m.mean = std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
    if (v.size() < 2) {
        m.sd = std::abs(m.mean) * share;
        return m;
    }
    double ss = 0;
    for (double x : v)
        ss += (x - m.mean) * (x - m.mean);
    m.sd = std::sqrt(ss / double(v.size() - 1));
    return m;
}
} // namespace

Result<CropRanking> rankCropsForField(store::Connection &db, const QString &field) {
    CropRanking out;
    QString farmId;
    double soilPh = 6.5, soilN = 120;
    bool hasPh = false, hasN = false;
    {
        auto st = db.prepare("SELECT fl.id, fl.name, f.id, f.name, f.currency, fl.soil_ph, "
                             "fl.soil_n_kg_ha FROM fields fl JOIN farms f ON f.id = fl.farm_id "
                             "WHERE fl.id = ?1 OR fl.name = ?1");
        if (!st.ok())
            return st.error();
        st->bind(1, field);
        int matches = 0;
        AGRO_TRY(st->forEachRow([&] {
            ++matches;
            out.fieldId = st->text(0);
            out.fieldName = st->text(1);
            farmId = st->text(2);
            out.farmName = st->text(3);
            out.currency = st->text(4);
            hasPh = !st->isNull(5);
            hasN = !st->isNull(6);
            soilPh = st->real(5);
            soilN = st->real(6);
        }));
        if (matches == 0)
            return Error::make(ErrorCode::NotFound, field);
        if (matches > 1)
            return Error::make(ErrorCode::InvalidArgument,
                               field +
                                   QStringLiteral(": several fields have this name; use the id"));
    }
    auto yields = store::YieldReader::load(db, farmId);
    if (!yields.ok())
        return yields.error();
    auto finance = store::FinanceReader::load(db, {farmId, QString()});
    if (!finance.ok())
        return finance.error();

    std::vector<analytics::YieldSample> train;
    for (const auto &r : yields->rows)
        if (r.actualKgHa)
            train.push_back(r.sample);
    const auto model = analytics::YieldModel::fit(train, int(yields->crops.size()));
    if (!model)
        return out; // not enough history to say anything

    struct History {
        std::vector<double> logExpected, price, costPerHa;
        double harvested = 0, sellable = 0;
        int plantings = 0;
    };
    // Ordered by name: the crop's position seeds its simulation stream, so iteration order
    // must not depend on a hash seed.
    std::map<QString, History> byCrop;
    for (const auto &p : finance->plantings) {
        const auto &a = p.account;
        if (a.areaHa <= 0 || a.harvestedKg <= 0)
            continue;
        History &h = byCrop[p.cropName];
        ++h.plantings;
        if (a.expectedYieldKg > 0)
            h.logExpected.push_back(std::log(a.expectedYieldKg / a.areaHa));
        if (a.expectedYieldKg > 0)
            h.price.push_back(a.expectedRevenue / a.expectedYieldKg);
        h.costPerHa.push_back(a.totalCost() / a.areaHa);
        h.harvested += a.harvestedKg;
        h.sellable += a.sellableKg();
    }
    std::vector<analytics::CropOutlook> outlooks;
    std::vector<QString> names;
    std::vector<double> predicted;
    for (const auto &[cropName, h] : byCrop) {
        if (h.logExpected.empty())
            continue;
        std::vector<double> sorted = h.logExpected;
        std::sort(sorted.begin(), sorted.end());
        analytics::YieldSample s;
        s.crop = int(yields->crops.indexOf(cropName));
        s.logExpected = sorted[sorted.size() / 2];
        s.soilPhDeviation2 = hasPh ? (soilPh - 6.5) * (soilPh - 6.5) : 0;
        s.soilNitrogenAnomaly = hasN ? (soilN - 120) / 50 : 0;
        const auto p = model->predict(s);
        analytics::CropOutlook o;
        o.crop = int(outlooks.size());
        o.logYieldMedian = std::log(p.medianKgHa);
        o.logYieldSd = (std::log(p.hi80KgHa) - std::log(p.lo80KgHa)) / (2 * kZ80);
        o.sellableShare = h.harvested > 0 ? h.sellable / h.harvested : 1;
        const Moments price = moments(h.price, 0.10), cost = moments(h.costPerHa, 0.15);
        o.priceMean = price.mean;
        o.priceSd = price.sd;
        o.costPerHaMean = cost.mean;
        o.costPerHaSd = cost.sd;
        o.seasonsOfHistory = h.plantings;
        outlooks.push_back(o);
        names.push_back(cropName);
        predicted.push_back(p.medianKgHa);
    }
    // A fixed seed: the same workspace gives the same ranking.
    const auto ranks = analytics::rankCrops(outlooks, 20261123);
    for (const auto &r : ranks)
        out.rows.push_back(
            {names[size_t(r.crop)], outlooks[size_t(r.crop)], r, predicted[size_t(r.crop)]});
    return out;
}

QCoro::Task<Result<CropRanking>> CropRankService::rank(QString workspace, QString fieldId) {
    auto work = [workspace, fieldId]() -> Result<CropRanking> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        return rankCropsForField(db.value(), fieldId);
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QString describeRank(const CropRankRow &row, const QString &currency) {
    const auto money = [&](double v) {
        return QStringLiteral("%1 %2/ha").arg(QString::number(std::round(v), 'f', 0), currency);
    };
    return QStringLiteral("%1: expected margin %2; 1 season in 10 below %3 (chance of a loss %4 %)")
        .arg(row.cropName, money(row.rank.expectedMarginPerHa), money(row.rank.p10MarginPerHa))
        .arg(QString::number(row.rank.lossProbability * 100, 'f', 0));
}

} // namespace agro::services

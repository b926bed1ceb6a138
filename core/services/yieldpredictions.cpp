#include "yieldpredictions.h"

#include "store/workspace.h"
#include "worker.h"

namespace agro::services {

Result<YieldReport> predictYields(store::Connection &db, const QString &farmId,
                                  const QString &season) {
    auto data = store::YieldReader::load(db, farmId);
    if (!data.ok())
        return data.error();
    YieldReport report;
    if (data->seasons.isEmpty())
        return report;
    report.season = season.isEmpty() ? data->seasons.back() : season;
    const int target = int(data->seasons.indexOf(report.season));
    if (target < 0)
        return Error::make(ErrorCode::NotFound, season);
    const int crops = int(data->crops.size());

    std::vector<analytics::YieldSample> train, all;
    std::vector<int> seasonOf;
    std::vector<std::optional<double>> baseline;
    for (const auto &r : data->rows) {
        if (!r.actualKgHa)
            continue;
        all.push_back(r.sample);
        seasonOf.push_back(r.seasonIndex);
        baseline.push_back(r.baselineKgHa);
        if (r.seasonIndex < target)
            train.push_back(r.sample);
    }
    report.backtest = analytics::backtestYield(all, seasonOf, baseline, crops);
    report.trainingPlantings = int(train.size());
    const auto model = analytics::YieldModel::fit(train, crops);
    if (!model)
        return report;
    for (const auto &r : data->rows)
        if (r.seasonIndex == target && r.areaHa > 0)
            report.predictions.push_back({r, model->predict(r.sample)});
    return report;
}

QCoro::Task<Result<YieldReport>> YieldService::report(QString workspace, QString farmId,
                                                      QString season) {
    auto work = [workspace, farmId, season]() -> Result<YieldReport> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        return predictYields(db.value(), farmId, season);
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

} // namespace agro::services

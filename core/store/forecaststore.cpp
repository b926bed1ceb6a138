#include "forecaststore.h"

#include "sync/uuid7.h"

#include <sqlite3.h>

namespace agro::store {

namespace {
/// Reads model, pattern and backtest columns starting at `c` (model, pattern, mase, smape,
/// cov80, cov95, points, wape) into `f`.
void readResult(Statement &st, int c, StoredForecast &f) {
    f.model = st.text(c);
    f.pattern = st.text(c + 1);
    f.backtest.points = static_cast<int>(st.int64(c + 6));
    if (f.backtest.points > 0) {
        f.backtest.mase = st.real(c + 2);
        f.backtest.smape = st.real(c + 3);
        f.backtest.coverage80 = st.real(c + 4);
        f.backtest.coverage95 = st.real(c + 5);
        f.backtest.wape = st.real(c + 7);
    }
}
} // namespace

Result<void> ForecastStore::save(Connection &db, ForecastRunInfo &run,
                                 const std::vector<StoredForecast> &results) {
    auto tx = Transaction::begin(db);
    if (!tx.ok())
        return tx.error();
    if (run.id.isEmpty())
        run.id = sync::Uuid7Generator::system().next();
    {
        auto st = db.prepare("INSERT INTO forecast_runs (id, created_at, first_day, horizon, "
                             "method, engine_version, products, seconds) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        if (!st.ok())
            return st.error();
        st->bind(1, run.id);
        st->bind(2, run.createdAt.toUTC().toString(Qt::ISODateWithMs));
        st->bind(3, static_cast<std::int64_t>(run.firstDay));
        st->bind(4, run.horizon);
        st->bind(5, run.method);
        st->bind(6, run.engineVersion);
        st->bind(7, static_cast<int>(results.size()));
        st->bind(8, run.seconds);
        AGRO_TRY(st->run());
    }
    const std::int64_t runLid = sqlite3_last_insert_rowid(db.handle());
    auto res = db.prepare("INSERT INTO forecast_results (run, product, model, pattern, "
                          "backtest_mase, backtest_smape, backtest_cov80, backtest_cov95, "
                          "backtest_points, backtest_wape) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    if (!res.ok())
        return res.error();
    auto val = db.prepare("INSERT INTO forecast_values (run, product, day, mean, lo80, hi80, "
                          "lo95, hi95) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!val.ok())
        return val.error();
    for (const StoredForecast &r : results) {
        res->reset();
        res->bind(1, runLid);
        res->bind(2, r.productLid);
        res->bindUtf8(3, r.model.toStdString());
        res->bindUtf8(4, r.pattern.toStdString()); // never NULL, even when empty
        if (r.backtest.points > 0) {
            res->bind(5, r.backtest.mase);
            res->bind(6, r.backtest.smape);
            res->bind(7, r.backtest.coverage80);
            res->bind(8, r.backtest.coverage95);
            res->bind(10, r.backtest.wape);
        } else {
            for (int i : {5, 6, 7, 8, 10})
                res->bindNull(i);
        }
        res->bind(9, r.backtest.points);
        AGRO_TRY(res->run());
        const auto &f = r.values;
        for (std::size_t j = 0; j < f.horizon(); ++j) {
            val->reset();
            val->bind(1, runLid);
            val->bind(2, r.productLid);
            val->bind(3, static_cast<std::int64_t>(run.firstDay) + static_cast<std::int64_t>(j));
            val->bind(4, f.mean[j]);
            val->bind(5, f.lo80[j]);
            val->bind(6, f.hi80[j]);
            val->bind(7, f.lo95[j]);
            val->bind(8, f.hi95[j]);
            AGRO_TRY(val->run());
        }
    }
    run.products = static_cast<int>(results.size());
    return tx->commit();
}

Result<std::vector<ForecastRunInfo>> ForecastStore::runs(Connection &db) {
    auto st = db.prepare("SELECT id, created_at, first_day, horizon, method, engine_version, "
                         "products, seconds FROM forecast_runs ORDER BY created_at DESC, lid DESC");
    if (!st.ok())
        return st.error();
    std::vector<ForecastRunInfo> out;
    AGRO_TRY(st->forEachRow([&] {
        ForecastRunInfo r;
        r.id = st->text(0);
        r.createdAt = QDateTime::fromString(st->text(1), Qt::ISODateWithMs);
        r.firstDay = static_cast<std::int32_t>(st->int64(2));
        r.horizon = static_cast<int>(st->int64(3));
        r.method = st->text(4);
        r.engineVersion = st->text(5);
        r.products = static_cast<int>(st->int64(6));
        r.seconds = st->real(7);
        out.push_back(std::move(r));
    }));
    return out;
}

Result<std::optional<StoredForecast>> ForecastStore::load(Connection &db, const QString &runId,
                                                          std::int64_t productLid) {
    auto st =
        db.prepare("SELECT r.model, r.pattern, r.backtest_mase, r.backtest_smape, "
                   "r.backtest_cov80, r.backtest_cov95, r.backtest_points, r.backtest_wape, r.run "
                   "FROM forecast_results r JOIN forecast_runs fr ON fr.lid = r.run "
                   "WHERE fr.id = ?1 AND r.product = ?2");
    if (!st.ok())
        return st.error();
    st->bind(1, runId);
    st->bind(2, productLid);
    auto row = st->step();
    if (!row.ok())
        return row.error();
    if (!row.value())
        return std::optional<StoredForecast>{};
    StoredForecast f;
    f.productLid = productLid;
    readResult(*st, 0, f);
    const std::int64_t runLid = st->int64(8);
    auto vals = db.prepare("SELECT mean, lo80, hi80, lo95, hi95 FROM forecast_values "
                           "WHERE run = ?1 AND product = ?2 ORDER BY day");
    if (!vals.ok())
        return vals.error();
    vals->bind(1, runLid);
    vals->bind(2, productLid);
    AGRO_TRY(vals->forEachRow([&] {
        f.values.mean.push_back(vals->real(0));
        f.values.lo80.push_back(vals->real(1));
        f.values.hi80.push_back(vals->real(2));
        f.values.lo95.push_back(vals->real(3));
        f.values.hi95.push_back(vals->real(4));
    }));
    return std::optional<StoredForecast>(std::move(f));
}

Result<std::vector<StoredForecast>> ForecastStore::loadAll(Connection &db, const QString &runId) {
    auto st = db.prepare("SELECT r.product, r.model, r.pattern, r.backtest_mase, r.backtest_smape, "
                         "r.backtest_cov80, r.backtest_cov95, r.backtest_points, r.backtest_wape "
                         "FROM forecast_results r JOIN forecast_runs fr ON fr.lid = r.run "
                         "WHERE fr.id = ?1 ORDER BY r.product");
    if (!st.ok())
        return st.error();
    st->bind(1, runId);
    std::vector<StoredForecast> out;
    AGRO_TRY(st->forEachRow([&] {
        StoredForecast f;
        f.productLid = st->int64(0);
        readResult(*st, 1, f);
        out.push_back(std::move(f));
    }));
    auto vals = db.prepare("SELECT v.product, v.mean, v.lo80, v.hi80, v.lo95, v.hi95 "
                           "FROM forecast_values v JOIN forecast_runs fr ON fr.lid = v.run "
                           "WHERE fr.id = ?1 ORDER BY v.product, v.day");
    if (!vals.ok())
        return vals.error();
    vals->bind(1, runId);
    std::size_t i = 0;
    AGRO_TRY(vals->forEachRow([&] {
        const std::int64_t lid = vals->int64(0);
        while (i < out.size() && out[i].productLid < lid)
            ++i;
        if (i >= out.size() || out[i].productLid != lid)
            return;
        auto &f = out[i].values;
        f.mean.push_back(vals->real(1));
        f.lo80.push_back(vals->real(2));
        f.hi80.push_back(vals->real(3));
        f.lo95.push_back(vals->real(4));
        f.hi95.push_back(vals->real(5));
    }));
    return out;
}

Result<void> ForecastStore::remove(Connection &db, const QString &runId) {
    auto st = db.prepare("DELETE FROM forecast_runs WHERE id = ?1");
    if (!st.ok())
        return st.error();
    st->bind(1, runId);
    return st->run();
}

} // namespace agro::store

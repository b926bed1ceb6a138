#include "forecastworkspace.h"

#include "io/csvreader.h"
#include "services/forecastservice.h"
#include "store/workspace.h"

#include <QCoreApplication>
#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace agro::commands {

namespace {

QString tr(const char *s) {
    return QCoreApplication::translate("agrodesk-cli", s);
}

QString dateOf(std::int64_t day) {
    return QDate(1970, 1, 1).addDays(day).toString(Qt::ISODate);
}

struct Row {
    QString sku;
    std::int32_t firstDay = 0;
    QString model;
    analytics::forecast::Accuracy backtest;
    const analytics::forecast::Forecast *values = nullptr;
};

QString num(double v) {
    return std::isfinite(v) ? QString::number(v, 'f', 3) : QString();
}

void writeCsv(QTextStream &out, const std::vector<Row> &rows) {
    out << "sku,date,mean,lo80,hi80,lo95,hi95,model,backtest_mase,backtest_smape,backtest_cov95\n";
    for (const Row &r : rows) {
        const auto &f = *r.values;
        for (std::size_t j = 0; j < f.horizon(); ++j) {
            out << r.sku << ',' << dateOf(r.firstDay + static_cast<std::int64_t>(j)) << ','
                << num(f.mean[j]) << ',' << num(f.lo80[j]) << ',' << num(f.hi80[j]) << ','
                << num(f.lo95[j]) << ',' << num(f.hi95[j]) << ',' << io::csvField(r.model) << ','

                << (r.backtest.points ? num(r.backtest.mase) : QString()) << ','
                << (r.backtest.points ? num(r.backtest.smape) : QString()) << ','
                << (r.backtest.points ? num(r.backtest.coverage95) : QString()) << '\n';
        }
    }
}

void writeJson(QTextStream &out, const std::vector<Row> &rows) {
    QJsonArray products;
    for (const Row &r : rows) {
        QJsonArray days;
        const auto &f = *r.values;
        for (std::size_t j = 0; j < f.horizon(); ++j)
            days.append(QJsonObject{
                {QStringLiteral("date"), dateOf(r.firstDay + static_cast<std::int64_t>(j))},
                {QStringLiteral("mean"), f.mean[j]},
                {QStringLiteral("lo80"), f.lo80[j]},
                {QStringLiteral("hi80"), f.hi80[j]},
                {QStringLiteral("lo95"), f.lo95[j]},
                {QStringLiteral("hi95"), f.hi95[j]}});
        QJsonObject p{{QStringLiteral("sku"), r.sku},
                      {QStringLiteral("model"), r.model},
                      {QStringLiteral("forecast"), days}};
        if (r.backtest.points)
            p.insert(QStringLiteral("backtest"),
                     QJsonObject{{QStringLiteral("mase"), r.backtest.mase},
                                 {QStringLiteral("smape"), r.backtest.smape},
                                 {QStringLiteral("coverage80"), r.backtest.coverage80},
                                 {QStringLiteral("coverage95"), r.backtest.coverage95},
                                 {QStringLiteral("points"), r.backtest.points}});
        products.append(p);
    }
    out << QString::fromUtf8(QJsonDocument(products).toJson(QJsonDocument::Indented));
}

} // namespace

int forecastWorkspace(const QString &workspace, const QString &product, int horizon,
                      const QString &format, QTextStream &out, QTextStream &err) {
    if (format != QLatin1String("csv") && format != QLatin1String("json")) {
        err << tr("error: --format must be csv or json") << Qt::endl;
        return 2;
    }
    if (horizon <= 0) {
        err << tr("error: --horizon must be a positive number of days") << Qt::endl;
        return 2;
    }
    // open() brings an older file up to the current schema first.
    if (auto info = store::Workspace::open(workspace); !info.ok()) {
        err << tr("error: ") << errorText(info.error()) << Qt::endl;
        return 1;
    }
    auto db = store::Workspace::connect(workspace);
    if (!db.ok()) {
        err << tr("error: ") << errorText(db.error()) << Qt::endl;
        return 1;
    }
    std::vector<Row> rows;
    if (!product.isEmpty()) {
        auto v = services::forecastProduct(db.value(), product, horizon);
        if (!v.ok()) {
            err << tr("error: ") << errorText(v.error()) << Qt::endl;
            return 1;
        }
        rows.push_back({v->product.sku, v->forecastStart, QString::fromStdString(v->outcome.model),
                        v->outcome.backtest, &v->outcome.forecast});
        format == QLatin1String("csv") ? writeCsv(out, rows) : writeJson(out, rows);
        return 0;
    }
    Progress progress;
    auto run = services::runAllForecasts(db.value(), horizon, progress);
    if (!run.ok()) {
        err << tr("error: ") << errorText(run.error()) << Qt::endl;
        return 1;
    }
    auto products = store::DemandReader::products(db.value());
    if (!products.ok()) {
        err << tr("error: ") << errorText(products.error()) << Qt::endl;
        return 1;
    }
    std::vector<store::StoredForecast> stored;
    for (const auto &p : products.value()) {
        auto f = store::ForecastStore::load(db.value(), run->run.id, p.lid);
        if (!f.ok()) {
            err << tr("error: ") << errorText(f.error()) << Qt::endl;
            return 1;
        }
        if (f->has_value())
            stored.push_back(std::move(**f));
    }
    std::size_t k = 0;
    for (const auto &p : products.value()) {
        if (k < stored.size() && stored[k].productLid == p.lid) {
            rows.push_back(
                {p.sku, run->run.firstDay, stored[k].model, stored[k].backtest, &stored[k].values});
            ++k;
        }
    }
    format == QLatin1String("csv") ? writeCsv(out, rows) : writeJson(out, rows);
    err << tr("forecast run %1: %2 products in %3 s, %4 without enough data")
               .arg(run->run.id)
               .arg(run->run.products)
               .arg(run->run.seconds, 0, 'f', 2)
               .arg(run->failed)
        << Qt::endl;
    return 0;
}

} // namespace agro::commands

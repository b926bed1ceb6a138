#include "forecastfile.h"

#include "analytics/forecast/forecaster.h"
#include "io/csvreader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QSaveFile>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>

namespace agro::commands {

namespace fc = agro::analytics::forecast;

namespace {

QString tr(const char *s) {
    return QCoreApplication::translate("agrodesk-cli", s);
}

struct Series {
    QString id;
    std::vector<std::pair<long, double>> train; ///< (t, value)
    int withheld = 0;                           ///< split=test rows seen
};

/// Reads the long file; on a problem, sets `error` to "FILE:LINE:COLUMN: what".
std::vector<Series> readLong(const QString &path, bool &hasSplit, QString &error) {
    std::vector<Series> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        error = tr("%1: cannot open: %2").arg(path, f.errorString());
        return {};
    }
    const QByteArray header = f.readLine().trimmed();
    const QList<QByteArray> cols = header.split(',');
    auto colOf = [&](const char *name) {
        for (int i = 0; i < cols.size(); ++i)
            if (cols[i].trimmed().replace('"', "") == name)
                return i;
        return -1;
    };
    const int cId = colOf("series_id"), cT = colOf("t"), cV = colOf("value"),
              cSplit = colOf("split");
    if (cId < 0 || cT < 0 || cV < 0) {
        error = tr("%1:1: the header must name the columns series_id, t and value").arg(path);
        return {};
    }
    hasSplit = cSplit >= 0;
    QHash<QByteArray, std::size_t> index;
    long line = 1;
    while (!f.atEnd()) {
        ++line;
        const QByteArray raw = f.readLine().trimmed();
        if (raw.isEmpty())
            continue;
        const QList<QByteArray> cells = raw.split(',');
        if (cells.size() != cols.size()) {
            error = tr("%1:%2: expected %3 columns, found %4")
                        .arg(path)
                        .arg(line)
                        .arg(cols.size())
                        .arg(cells.size());
            return {};
        }
        const QByteArray id = QByteArray(cells[cId]).replace('"', "");
        bool okT = false;
        const long t = cells[cT].toLong(&okT);
        if (!okT) {
            error = tr("%1:%2:%3: t: not a whole number: %4")
                        .arg(path)
                        .arg(line)
                        .arg(cT + 1)
                        .arg(QString::fromUtf8(cells[cT]));
            return {};
        }
        const QByteArray vText = cells[cV].trimmed();
        double v = std::nan("");
        if (!vText.isEmpty() && vText != "NA") {
            bool okV = false;
            v = vText.toDouble(&okV);
            if (!okV || !std::isfinite(v)) {
                error = tr("%1:%2:%3: value: not a number: %4")
                            .arg(path)
                            .arg(line)
                            .arg(cV + 1)
                            .arg(QString::fromUtf8(vText));
                return {};
            }
        }
        auto it = index.find(id);
        if (it == index.end()) {
            it = index.insert(id, out.size());
            out.push_back(Series{QString::fromUtf8(id), {}, 0});
        }
        Series &s = out[*it];
        if (hasSplit && cells[cSplit].trimmed().replace('"', "") == "test")
            ++s.withheld;
        else
            s.train.emplace_back(t, v);
    }
    return out;
}

} // namespace

int forecastFile(const ForecastFileArgs &args, QTextStream &out, QTextStream &err) {
    const auto method = fc::methodFromName(args.method.toStdString());
    if (!method) {
        err << tr("error: unknown method %1 (auto, ensemble, ets, theta, croston, sba, tsb, "
                  "naive, snaive, drift, mean)")
                   .arg(args.method)
            << Qt::endl;
        return 2;
    }
    if (args.horizon <= 0 || args.period <= 0) {
        err << tr("error: --horizon and --season must be positive whole numbers") << Qt::endl;
        return 2;
    }
    bool hasSplit = false;
    QString error;
    std::vector<Series> series = readLong(args.input, hasSplit, error);
    if (!error.isEmpty()) {
        err << tr("error: ") << error << Qt::endl;
        return 1;
    }
    std::vector<std::vector<double>> values(series.size());
    for (std::size_t i = 0; i < series.size(); ++i) {
        auto &s = series[i];
        std::stable_sort(s.train.begin(), s.train.end(),
                         [](const auto &a, const auto &b) { return a.first < b.first; });
        auto &v = values[i];
        for (const auto &p : s.train)
            v.push_back(p.second);
        if (!hasSplit)
            v.resize(v.size() > static_cast<std::size_t>(args.horizon)
                         ? v.size() - static_cast<std::size_t>(args.horizon)
                         : 0);
    }

    fc::ForecastOptions options;
    options.horizon = args.horizon;
    options.period = args.period;
    options.method = *method;
    std::vector<fc::ForecastOutcome> results(series.size());
    const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
    const unsigned threads = args.threads > 0 ? static_cast<unsigned>(args.threads) : hw;
    std::atomic<std::size_t> next{0};
    QElapsedTimer timer;
    timer.start();
    auto worker = [&] {
        for (std::size_t i = next++; i < series.size(); i = next++)
            results[i] = fc::forecastSeries(values[i], options);
    };
    std::vector<std::thread> pool;
    for (unsigned k = 1; k < threads; ++k)
        pool.emplace_back(worker);
    worker();
    for (auto &t : pool)
        t.join();
    const double seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;

    QSaveFile file(args.output);
    if (!file.open(QIODevice::WriteOnly)) {
        err << tr("error: %1: cannot write: %2").arg(args.output, file.errorString()) << Qt::endl;
        return 1;
    }
    QByteArray buf = "series_id,step,mean,lo80,hi80,lo95,hi95,model\n";
    int failed = 0;
    auto num = [](double v) { return QByteArray::number(v, 'g', 10); };
    for (std::size_t i = 0; i < series.size(); ++i) {
        const auto &r = results[i];
        if (!r.ok()) {
            ++failed;
            err << tr("warning: %1: %2").arg(series[i].id, QString::fromStdString(r.error))
                << Qt::endl;
            continue;
        }
        const QByteArray id = series[i].id.toUtf8();
        const QByteArray model = io::csvField(QString::fromStdString(r.model)).toUtf8();
        for (std::size_t j = 0; j < r.forecast.horizon(); ++j) {
            buf += id + ',' + QByteArray::number(static_cast<qulonglong>(j + 1)) + ',' +
                   num(r.forecast.mean[j]) + ',' + num(r.forecast.lo80[j]) + ',' +
                   num(r.forecast.hi80[j]) + ',' + num(r.forecast.lo95[j]) + ',' +
                   num(r.forecast.hi95[j]) + ',' + model + '\n';
        }
    }
    file.write(buf);
    if (!file.commit()) {
        err << tr("error: %1: cannot write: %2").arg(args.output, file.errorString()) << Qt::endl;
        return 1;
    }
    out << tr("forecast %1 series (h=%2, m=%3, method %4) on %5 thread(s) in %6 s, %7 ms per "
              "series; %8 failed")
               .arg(series.size())
               .arg(args.horizon)
               .arg(args.period)
               .arg(args.method)
               .arg(threads)
               .arg(seconds, 0, 'f', 3)
               .arg(seconds * 1000.0 / std::max<double>(1.0, static_cast<double>(series.size())), 0,
                    'f', 3)
               .arg(failed)
        << Qt::endl;
    return failed == static_cast<int>(series.size()) && failed > 0 ? 1 : 0;
}

} // namespace agro::commands

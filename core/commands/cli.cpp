#include "cli.h"

#include "commands/backupcommands.h"
#include "commands/synccommand.h"
#include "commands/usercommands.h"
#include "demo/demogenerator.h"
#include "detectcommands.h"
#include "financetable.h"
#include "forecastfile.h"
#include "forecastworkspace.h"
#include "io/csvreader.h"
#include "io/exporter.h"
#include "io/importer.h"
#include "reports/reportcatalog.h"
#include "reports/reportwriters.h"
#include "reports/salesexport.h"
#include "restockcommands.h"
#include "services/croprankings.h"
#include "services/reportservice.h"
#include "services/yieldpredictions.h"
#include "store/auditlog.h"
#include "store/contenthash.h"
#include "store/dashboardreader.h"
#include "store/financereader.h"
#include "store/workspace.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <unistd.h>

namespace agro::commands {

namespace {
QString tr(const char *s) {
    return QCoreApplication::translate("agrodesk-cli", s);
}

const char *kUsage =
    "Usage: agrodesk-cli COMMAND [options]\n"
    "\n"
    "Commands:\n"
    "  demo --preset small|large --out FILE [--seed N] [--end YYYY-MM-DD] [--force]\n"
    "      Generate a demo workspace (labelled as demo data).\n"
    "  import KIND --workspace W --file F.csv [--map COLUMN=N ...]\n"
    "      Import a CSV file, all or nothing. KIND: sales, products, costs, harvests, readings.\n"
    "      --map feeds format column COLUMN from the file's column N (1-based).\n"
    "  export KIND --workspace W --out F.csv\n"
    "      Export in the format import reads.\n"
    "  info --workspace W\n"
    "      Schema version, ids and row counts.\n"
    "  dashboard --workspace W [--farm NAME|ID] [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"
    "      The dashboard's figures (default: the 30 days to the last sale).\n"
    "  sync --workspace W --server URL --user U [--password-stdin] [--ca FILE]\n"
    "      [--allow-mass-delete] [--page-size N]\n"
    "      Sign in to a sync server and sync once (password from stdin or AGRODESK_PASSWORD);\n"
    "      a workspace that does not exist is created and filled from the server.\n"
    "  report NAME --workspace W --format pdf|csv|xlsx --out FILE [--farm NAME|ID]\n"
    "         [--season NAME] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--as-of TIME]\n"
    "      A report (season-summary, qc-summary; sales-data as csv or xlsx) with its\n"
    "      parameters, workspace id, time,\n"
    "      version and data SHA-256; --as-of fixes the time for identical output.\n"
    "  hash --workspace W\n"
    "      SHA-256 of the workspace's content (same data, same hash).\n"
    "  finance --workspace W --by planting|field|crop|farm|season [--farm NAME|ID]\n"
    "          [--season NAME] [--format csv|json]\n"
    "      Costs, yields, revenue, margin, ROI and break-even per group (docs/finance.md).\n"
    "  yield-predict --workspace W [--farm NAME|ID] [--season NAME]\n"
    "      Predicted yield and 80 % interval per planting of the season (default: the latest),\n"
    "      from the seasons before it; then the rolling backtest against the baseline.\n"
    "  crop-rank --workspace W --field NAME|ID\n"
    "      Next-season crops for a field by expected margin per ha, with the 1-in-10 low.\n"
    "  forecast --input FILE.csv --horizon H --season M --out OUT.csv\n"
    "           [--method auto|ensemble|ets|theta|croston|sba|tsb|naive|snaive|drift|mean]\n"
    "           [--threads N]\n"
    "      Forecast every series of a long CSV (series_id,t,value[,split]); rows with\n"
    "      split=test (else the last H of each series) are withheld. Writes\n"
    "      series_id,step,mean,lo80,hi80,lo95,hi95,model.\n"
    "  forecast --workspace W [--product SKU] [--horizon DAYS] [--format csv|json]\n"
    "      Daily demand forecasts with 80/95 % intervals and backtest accuracy (default 28\n"
    "      days). Without --product, forecasts every product and stores the run.\n"
    "  restock-simulate --workspace W [--target 0.95] [--days 364]\n"
    "      Replay the sales history with the restock policy beside a naive-forecast policy\n"
    "      and a fixed reorder level: fill rate, average stock value, stock-outs, orders.\n"
    "  detect --workspace W [--format text|json]\n"
    "      Run every detector (sensor checks, drift, QC outliers and drifts), store the alerts\n"
    "      (one per ongoing problem), and on a demo workspace score them against the injected\n"
    "      faults: precision and recall per detector.\n"
    "  qc-conditions --workspace W [--field FIELD|FARM] [--format text|json]\n"
    "      Which sensor conditions before harvest go with QC failures of a field's lots:\n"
    "      risk ratio, Fisher's exact p and Benjamini-Hochberg q per tested condition.\n"
    "  verify --workspace W\n"
    "      Check the audit log's hash chain.\n"
    "  backup --workspace W --out FILE\n"
    "      A consistent copy (SQLite backup API) taken while others may write; checked.\n"
    "  restore --workspace W --from FILE\n"
    "      Show what the backup holds, keep the current content beside the workspace, and\n"
    "      restore the backup's content (owners).\n"
    "  user add NAME --workspace W --farm FARM --role ROLE --password-stdin\n"
    "       [--display-name TEXT]\n"
    "  user grant NAME --farm FARM --role ROLE | user revoke NAME --farm FARM\n"
    "  user passwd NAME --password-stdin | user disable NAME | user enable NAME | user list\n"
    "      People of the workspace and their role per farm (owner, manager, agronomist,\n"
    "      inspector, viewer). Owners manage people; anyone may change their own password.\n"
    "  sign-in-setting --workspace W --set on|off\n"
    "      Whether the app asks who is using the workspace (default: on once more than one\n"
    "      person has a password).\n"
    "\n"
    "Acting as someone: every command on a workspace acts as --as USER (password in\n"
    "AGRODESK_PASSWORD, or on standard input with --password-stdin when the command reads no\n"
    "other password there), or else as the workspace's first owner unless the workspace\n"
    "requires sign-in. What the person's role does not allow is refused and audited.\n";

/// Prints progress to stderr every second while `work` runs, when stderr is a terminal.
template<class F> auto withProgress(Progress &p, QTextStream &err, F work) {
    if (!isatty(STDERR_FILENO))
        return work();
    std::mutex mu;
    std::condition_variable cv;
    bool done = false;
    std::thread printer([&] {
        std::unique_lock lock(mu);
        while (!cv.wait_for(lock, std::chrono::seconds(1), [&] { return done; })) {
            err << QStringLiteral("\r%1 %").arg(p.permille() / 10.0, 5, 'f', 1);
            err.flush();
        }
    });
    auto result = work();
    {
        std::lock_guard lock(mu);
        done = true;
    }
    cv.notify_one();
    printer.join();
    err << QStringLiteral("\r        \r");
    return result;
}

int fail(QTextStream &err, const Error &e) {
    err << tr("error: ") << errorText(e) << Qt::endl;
    return 1;
}

int usage(QTextStream &err, const QString &problem) {
    if (!problem.isEmpty())
        err << tr("error: ") << problem << "\n\n";
    err << QString::fromLatin1(kUsage);
    err.flush();
    return 2;
}

int demo(QCommandLineParser &p, QTextStream &out, QTextStream &err) {
    const auto preset = demo::demoPreset(p.value(QStringLiteral("preset")));
    if (!preset)
        return usage(err, tr("--preset must be small or large"));
    const QString file = p.value(QStringLiteral("out"));
    if (file.isEmpty())
        return usage(err, tr("--out is required"));
    demo::DemoOptions o;
    o.preset = *preset;
    if (p.isSet(QStringLiteral("seed"))) {
        bool ok = false;
        o.seed = p.value(QStringLiteral("seed")).toULongLong(&ok);
        if (!ok || o.seed == 0)
            return usage(err, tr("--seed must be a positive integer"));
    }
    if (p.isSet(QStringLiteral("end"))) {
        o.endDate = QDate::fromString(p.value(QStringLiteral("end")), Qt::ISODate);
        if (!o.endDate.isValid())
            return usage(err, tr("--end must be a date YYYY-MM-DD"));
    }
    if (p.isSet(QStringLiteral("force")) && QFileInfo::exists(file)) {
        QFile::remove(file);
        QFile::remove(file + QStringLiteral("-wal"));
        QFile::remove(file + QStringLiteral("-shm"));
    }
    Progress progress;
    QElapsedTimer t;
    t.start();
    auto r = withProgress(progress, err, [&] { return demo::generateDemo(file, o, &progress); });
    if (!r.ok())
        return fail(err, r.error());
    out << tr("Demo workspace (preset %1, seed %2) written to %3 in %4 s\n")
               .arg(o.preset.name)
               .arg(o.seed)
               .arg(file)
               .arg(t.elapsed() / 1000.0, 0, 'f', 1)
        << tr("  sales rows %1, sensor readings %2, inspections %3, plantings %4, cost entries "
              "%5, injected faults %6, alerts raised by the detectors %7\n")
               .arg(r->salesRows)
               .arg(r->sensorReadings)
               .arg(r->inspections)
               .arg(r->plantings)
               .arg(r->costEntries)
               .arg(r->injectedFaults)
               .arg(r->alerts);
    return 0;
}

Result<store::Connection> openWorkspace(QCommandLineParser &p) {
    const QString w = p.value(QStringLiteral("workspace"));
    if (w.isEmpty())
        return Error::make(ErrorCode::InvalidArgument, tr("--workspace is required"));
    auto info = store::Workspace::open(w);
    if (!info.ok())
        return info.error();
    return store::Workspace::connect(w);
}

int importCmd(QCommandLineParser &p, const QString &kindName, QTextStream &out, QTextStream &err) {
    const auto kind = io::csvKindFromName(kindName);
    if (!kind)
        return usage(err, tr("unknown kind: %1").arg(kindName));
    const QString file = p.value(QStringLiteral("file"));
    if (file.isEmpty())
        return usage(err, tr("--file is required"));
    io::ColumnMapping mapping;
    for (const QString &m : p.values(QStringLiteral("map"))) {
        const auto parts = m.split(QLatin1Char('='));
        bool ok = false;
        const int column = parts.size() == 2 ? parts[1].toInt(&ok) : 0;
        if (!ok || column < 1)
            return usage(err, tr("--map takes COLUMN=N with N ≥ 1: %1").arg(m));
        mapping[parts[0]] = column - 1;
    }
    auto db = openWorkspace(p);
    if (!db.ok())
        return fail(err, db.error());
    Progress progress;
    QElapsedTimer t;
    t.start();
    auto r = withProgress(
        progress, err, [&] { return io::importCsv(db.value(), *kind, file, mapping, &progress); });
    if (!r.ok())
        return fail(err, r.error());
    const double s = t.elapsed() / 1000.0;
    out << tr("Imported %1 %2 rows from %3 in %4 s (%5 rows/s)\n")
               .arg(r->rows)
               .arg(kindName, file)
               .arg(s, 0, 'f', 2)
               .arg(s > 0 ? qint64(double(r->rows) / s) : r->rows);
    return 0;
}

int exportCmd(QCommandLineParser &p, const QString &kindName, QTextStream &out, QTextStream &err) {
    const auto kind = io::csvKindFromName(kindName);
    if (!kind)
        return usage(err, tr("unknown kind: %1").arg(kindName));
    const QString file = p.value(QStringLiteral("out"));
    if (file.isEmpty())
        return usage(err, tr("--out is required"));
    auto db = openWorkspace(p);
    if (!db.ok())
        return fail(err, db.error());
    auto r = io::exportCsv(db.value(), *kind, file);
    if (!r.ok())
        return fail(err, r.error());
    out << tr("Exported %1 %2 rows to %3\n").arg(r.value()).arg(kindName, file);
    return 0;
}

int info(QCommandLineParser &p, QTextStream &out, QTextStream &err) {
    auto db = openWorkspace(p);
    if (!db.ok())
        return fail(err, db.error());
    auto w = store::Workspace::info(db.value());
    if (!w.ok())
        return fail(err, w.error());
    out << "workspace  " << w->path << "\n"
        << "id         " << w->workspaceId << "\n"
        << "node       " << w->nodeId << "\n"
        << "schema     " << w->schemaVersion << "\n"
        << "demo       " << (w->demoPreset.isEmpty() ? tr("no") : w->demoPreset) << "\n";
    static const char *tables[] = {"farms",    "fields",         "plantings",   "cost_entries",
                                   "harvests", "products",       "sales_daily", "stock_movements",
                                   "lots",     "qc_inspections", "sensors",     "sensor_readings",
                                   "alerts",   "users",          "change_log"};
    for (const char *t : tables) {
        auto n = db->scalar(std::string("SELECT count(*) FROM ") + t);
        if (!n.ok())
            return fail(err, n.error());
        out << QString::fromLatin1(t).leftJustified(16) << n->toLongLong() << "\n";
    }
    return 0;
}

int dashboard(QCommandLineParser &p, QTextStream &out, QTextStream &err) {
    auto db = openWorkspace(p);
    if (!db.ok())
        return fail(err, db.error());
    domain::DashboardQuery q;
    if (p.isSet(QStringLiteral("farm"))) {
        auto farms = store::DashboardReader::farms(db.value());
        if (!farms.ok())
            return fail(err, farms.error());
        for (const auto &f : farms.value())
            if (f.id == p.value(QStringLiteral("farm")) ||
                f.name == p.value(QStringLiteral("farm")))
                q.farmId = f.id;
        if (q.farmId.isEmpty())
            return usage(err, tr("no such farm: %1").arg(p.value(QStringLiteral("farm"))));
    }
    auto range = store::DashboardReader::salesRange(db.value());
    if (!range.ok())
        return fail(err, range.error());
    q.to = p.isSet(QStringLiteral("to"))
               ? QDate::fromString(p.value(QStringLiteral("to")), Qt::ISODate)
               : (range->lastSale.isValid() ? range->lastSale : QDate::currentDate());
    q.from = p.isSet(QStringLiteral("from"))
                 ? QDate::fromString(p.value(QStringLiteral("from")), Qt::ISODate)
                 : q.to.addDays(-29);
    auto d = store::DashboardReader::load(db.value(), q);
    if (!d.ok())
        return fail(err, d.error());
    out << "period            " << q.from.toString(Qt::ISODate) << " .. "
        << q.to.toString(Qt::ISODate) << "\n"
        << "currency          " << d->currency << "\n"
        << "revenue           " << QString::number(d->revenue, 'f', 2) << "\n"
        << "costs             " << QString::number(d->costs, 'f', 2) << "\n"
        << "gross_margin      " << QString::number(d->grossMargin, 'f', 2) << "\n"
        << "units_sold        " << QString::number(d->unitsSold, 'f', 0) << "\n"
        << "stockout_products " << d->stockoutProducts << "\n"
        << "open_alerts       " << d->openAlerts << "\n";
    return 0;
}

Result<QString> farmIdByNameOrId(store::Connection &db, const QString &nameOrId) {
    auto farms = store::DashboardReader::farms(db);
    if (!farms.ok())
        return farms.error();
    for (const auto &f : farms.value())
        if (f.id == nameOrId || f.name == nameOrId)
            return f.id;
    return Error::make(ErrorCode::NotFound, tr("no such farm: %1").arg(nameOrId));
}

int finance(QCommandLineParser &p, QTextStream &out, QTextStream &err) {
    static const std::pair<const char *, domain::FinanceGrouping> groupings[] = {
        {"planting", domain::FinanceGrouping::Planting},
        {"field", domain::FinanceGrouping::Field},
        {"crop", domain::FinanceGrouping::Crop},
        {"farm", domain::FinanceGrouping::Farm},
        {"season", domain::FinanceGrouping::Season}};
    std::optional<domain::FinanceGrouping> by;
    for (const auto &[name, g] : groupings)
        if (p.value(QStringLiteral("by")) == QLatin1String(name))
            by = g;
    if (!by)
        return usage(err, tr("--by must be planting, field, crop, farm or season"));
    const QString format = p.isSet(QStringLiteral("format")) ? p.value(QStringLiteral("format"))
                                                             : QStringLiteral("csv");
    if (format != QLatin1String("csv") && format != QLatin1String("json"))
        return usage(err, tr("--format must be csv or json"));
    auto db = openWorkspace(p);
    if (!db.ok())
        return fail(err, db.error());
    domain::FinanceQuery q;
    q.season = p.value(QStringLiteral("season"));
    if (p.isSet(QStringLiteral("farm"))) {
        auto id = farmIdByNameOrId(db.value(), p.value(QStringLiteral("farm")));
        if (!id.ok())
            return fail(err, id.error());
        q.farmId = id.value();
    }
    auto data = store::FinanceReader::load(db.value(), q);
    if (!data.ok())
        return fail(err, data.error());
    const auto groups = domain::groupFinance(data.value(), *by);
    out << QString::fromUtf8(format == QLatin1String("csv") ? financeCsv(groups)
                                                            : financeJson(groups));
    return 0;
}

int yieldPredict(QCommandLineParser &p, QTextStream &out, QTextStream &err) {
    auto db = openWorkspace(p);
    if (!db.ok())
        return fail(err, db.error());
    QString farm;
    if (p.isSet(QStringLiteral("farm"))) {
        auto id = farmIdByNameOrId(db.value(), p.value(QStringLiteral("farm")));
        if (!id.ok())
            return fail(err, id.error());
        farm = id.value();
    }
    auto report = services::predictYields(db.value(), farm, p.value(QStringLiteral("season")));
    if (!report.ok())
        return fail(err, report.error());
    std::string csv = "planting,name,season,expected_kg_ha,predicted_kg_ha,lo80_kg_ha,hi80_kg_ha,"
                      "actual_kg_ha\n";
    const auto num = [](double v) { return QString::number(v, 'f', 0).toStdString(); };
    for (const auto &r : report->predictions) {
        csv += r.row.plantingId.toStdString() + ',';
        io::appendCsvField(csv, r.row.label.toStdString());
        csv += ',' + r.row.seasonName.toStdString() + ',' + num(r.row.expectedKgHa) + ',' +
               num(r.prediction.medianKgHa) + ',' + num(r.prediction.lo80KgHa) + ',' +
               num(r.prediction.hi80KgHa) + ',' + (r.row.actualKgHa ? num(*r.row.actualKgHa) : "") +
               '\n';
    }
    out << QString::fromStdString(csv);
    const auto &bt = report->backtest;
    out << "# season " << report->season << ": " << report->predictions.size()
        << " plantings predicted from " << report->trainingPlantings << " earlier ones\n"
        << "# backtest (rolling origin by season): " << bt.points.size() << " plantings, 80 % "
        << "interval coverage " << QString::number(bt.coverage80 * 100, 'f', 1) << " %\n"
        << "# on the " << bt.compared << " with a \"same as last season\" baseline: model MAE "
        << QString::number(bt.mae, 'f', 0) << " kg/ha, baseline MAE "
        << QString::number(bt.baselineMae, 'f', 0) << " kg/ha\n";
    return 0;
}

int cropRank(QCommandLineParser &p, QTextStream &out, QTextStream &err) {
    if (!p.isSet(QStringLiteral("field")))
        return usage(err, tr("--field is required"));
    auto db = openWorkspace(p);
    if (!db.ok())
        return fail(err, db.error());
    auto ranking = services::rankCropsForField(db.value(), p.value(QStringLiteral("field")));
    if (!ranking.ok())
        return fail(err, ranking.error());
    out << "crop,expected_margin_per_ha,p10_margin_per_ha,p90_margin_per_ha,loss_probability,"
           "predicted_yield_kg_ha,sellable_share,price_per_kg,cost_per_ha,plantings_of_history\n";
    for (const auto &r : ranking->rows) {
        std::string line;
        io::appendCsvField(line, r.cropName.toStdString());
        out << QString::fromStdString(line)
            << QStringLiteral(",%1,%2,%3,%4,%5,%6,%7,%8,%9\n")
                   .arg(r.rank.expectedMarginPerHa, 0, 'f', 0)
                   .arg(r.rank.p10MarginPerHa, 0, 'f', 0)
                   .arg(r.rank.p90MarginPerHa, 0, 'f', 0)
                   .arg(r.rank.lossProbability, 0, 'f', 3)
                   .arg(r.predictedYieldKgHa, 0, 'f', 0)
                   .arg(r.inputs.sellableShare, 0, 'f', 3)
                   .arg(r.inputs.priceMean, 0, 'f', 3)
                   .arg(r.inputs.costPerHaMean, 0, 'f', 0)
                   .arg(r.inputs.seasonsOfHistory);
    }
    out << "# " << ranking->farmName << " · " << ranking->fieldName << "\n";
    for (const auto &r : ranking->rows)
        out << "# " << services::describeRank(r, ranking->currency) << "\n";
    return 0;
}

int report(QCommandLineParser &p, const QString &name, QTextStream &out, QTextStream &err) {
    const QString format = p.value(QStringLiteral("format"));
    const QString file = p.value(QStringLiteral("out"));
    if (format != QLatin1String("csv") && format != QLatin1String("xlsx") &&
        format != QLatin1String("pdf"))
        return usage(err, tr("--format must be pdf, csv or xlsx"));
    if (file.isEmpty())
        return usage(err, tr("--out is required"));
    if (format == QLatin1String("pdf") && !reports::pdfWriter())
        return usage(err, tr("this build cannot write PDF"));
    reports::Parameters params;
    params.farm = p.value(QStringLiteral("farm"));
    params.season = p.value(QStringLiteral("season"));
    for (const char *key : {"from", "to"}) {
        const QString v = p.value(QString::fromLatin1(key));
        const QDate d = QDate::fromString(v, Qt::ISODate);
        if (!v.isEmpty() && !d.isValid())
            return usage(err, tr("--%1 must be a date YYYY-MM-DD: %2").arg(QLatin1String(key), v));
        (key[0] == 'f' ? params.from : params.to) = d;
    }
    if (p.isSet(QStringLiteral("as-of"))) {
        params.asOf = QDateTime::fromString(p.value(QStringLiteral("as-of")), Qt::ISODate);
        if (!params.asOf.isValid())
            return usage(err, tr("--as-of must be an ISO 8601 time, e.g. 2026-11-01T00:00:00Z: %1")
                                  .arg(p.value(QStringLiteral("as-of"))));
    }
    auto db = openWorkspace(p);
    if (!db.ok())
        return fail(err, db.error());
    if (name == QLatin1String("sales-data")) {
        if (format == QLatin1String("pdf"))
            return usage(err, tr("sales-data is written as csv or xlsx"));
        Progress progress;
        auto rows = withProgress(progress, err, [&] {
            return format == QLatin1String("csv")
                       ? reports::exportSalesCsv(db.value(), params, file,
                                                 QCoreApplication::applicationVersion(), &progress)
                       : reports::exportSalesXlsx(db.value(), params, file,
                                                  QCoreApplication::applicationVersion(),
                                                  &progress);
        });
        if (!rows.ok())
            return fail(err, rows.error());
        if (auto audited = store::AuditLog::record(
                db.value(), QStringLiteral("export.report"), QStringLiteral("sales-data"), {},
                {{QStringLiteral("file"), QFileInfo(file).absoluteFilePath()},
                 {QStringLiteral("rows"), qint64(rows.value())}});
            !audited.ok())
            return fail(err, audited.error());
        out << tr("%1 sales rows written to %2").arg(rows.value()).arg(file) << "\n";
        return 0;
    }
    auto r = reports::buildReport(db.value(), name, params, QCoreApplication::applicationVersion());
    if (!r.ok())
        return fail(err, r.error());
    const Result<void> written = format == QLatin1String("csv")    ? reports::writeCsv(*r, file)
                                 : format == QLatin1String("xlsx") ? reports::writeXlsx(*r, file)
                                                                   : reports::pdfWriter()(*r, file);
    if (!written.ok())
        return fail(err, written.error());
    if (auto audited = services::recordReportExport(db.value(), *r, file); !audited.ok())
        return fail(err, audited.error());
    out << tr("%1 written to %2 (data SHA-256 %3)").arg(r->title, file, r->dataSha256) << "\n";
    return 0;
}

int hash(QCommandLineParser &p, QTextStream &out, QTextStream &err) {
    auto db = openWorkspace(p);
    if (!db.ok())
        return fail(err, db.error());
    auto h = store::contentHash(db.value());
    if (!h.ok())
        return fail(err, h.error());
    out << h->toHex() << "\n";
    return 0;
}
} // namespace

int runCli(const QStringList &args, QTextStream &out, QTextStream &err) {
    QCommandLineParser p;
    p.setApplicationDescription(tr("AgroDesk command line"));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("command"),
                            tr("demo, import, export, info, dashboard, hash"));
    p.addOptions(
        {{QStringLiteral("preset"), tr("Demo preset."), QStringLiteral("name")},
         {QStringLiteral("out"), tr("Output file."), QStringLiteral("file")},
         {QStringLiteral("seed"), tr("Demo seed."), QStringLiteral("n")},
         {QStringLiteral("end"), tr("Demo end date."), QStringLiteral("date")},
         {QStringLiteral("force"), tr("Replace an existing output file.")},
         {QStringLiteral("workspace"), tr("Workspace file."), QStringLiteral("file")},
         {QStringLiteral("file"), tr("Input file."), QStringLiteral("file")},
         {QStringLiteral("map"), tr("Column mapping COLUMN=N."), QStringLiteral("map")},
         {QStringLiteral("farm"), tr("Farm name or id."), QStringLiteral("farm")},
         {QStringLiteral("from"), tr("First day (restore: the backup file)."),
          QStringLiteral("date|file")},
         {QStringLiteral("to"), tr("Last day."), QStringLiteral("date")},
         {QStringLiteral("by"), tr("Finance grouping."), QStringLiteral("grouping")},
         {QStringLiteral("season"), tr("Season name."), QStringLiteral("season")},
         {QStringLiteral("format"), tr("Output format."), QStringLiteral("format")},
         {QStringLiteral("field"), tr("Field name or id."), QStringLiteral("field")},
         {QStringLiteral("input"), tr("Long CSV of series."), QStringLiteral("file")},
         {QStringLiteral("horizon"), tr("Steps ahead."), QStringLiteral("h")},
         {QStringLiteral("method"), tr("Forecasting method."), QStringLiteral("name")},
         {QStringLiteral("threads"), tr("Worker threads."), QStringLiteral("n")},
         {QStringLiteral("product"), tr("Product SKU or id."), QStringLiteral("sku")},
         {QStringLiteral("target"), tr("Target fill rate."), QStringLiteral("share")},
         {QStringLiteral("days"), tr("Days to replay."), QStringLiteral("n")},
         {QStringLiteral("as"), tr("Acting user."), QStringLiteral("user")},
         {QStringLiteral("proposal"), tr("Proposal id."), QStringLiteral("id")},
         {QStringLiteral("action"), tr("Decision."), QStringLiteral("action")},
         {QStringLiteral("quantity"), tr("Quantity."), QStringLiteral("q")},
         {QStringLiteral("reason"), tr("Reason code."), QStringLiteral("code")},
         {QStringLiteral("note"), tr("Reason in words."), QStringLiteral("text")},
         {QStringLiteral("set"), tr("Setting KEY=VALUE."), QStringLiteral("kv")},
         {QStringLiteral("as-of"), tr("Report time."), QStringLiteral("time")},
         {QStringLiteral("server"), tr("Sync server URL."), QStringLiteral("url")},
         {QStringLiteral("user"), tr("Sync account."), QStringLiteral("name")},
         {QStringLiteral("password-stdin"), tr("Read the password from stdin.")},
         {QStringLiteral("ca"), tr("Trust only this certificate."), QStringLiteral("file")},
         {QStringLiteral("allow-mass-delete"), tr("Confirm a large deletion.")},
         {QStringLiteral("page-size"), tr("Changes per push or pull."), QStringLiteral("n")},
         {QStringLiteral("role"), tr("Role on the farm."), QStringLiteral("role")},
         {QStringLiteral("display-name"), tr("Name shown for a user."), QStringLiteral("text")}});
    if (!p.parse(args))
        return usage(err, p.errorText());
    if (p.isSet(QStringLiteral("help"))) {
        out << QString::fromLatin1(kUsage);
        return 0;
    }
    const QStringList pos = p.positionalArguments();
    if (pos.isEmpty())
        return usage(err, {});
    const QString cmd = pos[0];
    // Who acts on the workspace, before any command touches it (sync signs in to the server
    // instead; demo and file forecasts open no workspace).
    if (cmd != QLatin1String("demo") && cmd != QLatin1String("sync") &&
        !p.isSet(QStringLiteral("input"))) {
        const bool readsNewPassword =
            cmd == QLatin1String("user") && pos.size() >= 2 &&
            (pos[1] == QLatin1String("add") || pos[1] == QLatin1String("passwd"));
        if (auto acting = actAsRequested(p, readsNewPassword); !acting.ok())
            return fail(err, acting.error());
    }
    if (cmd == QLatin1String("demo") && pos.size() == 1)
        return demo(p, out, err);
    if (cmd == QLatin1String("import") && pos.size() == 2)
        return importCmd(p, pos[1], out, err);
    if (cmd == QLatin1String("export") && pos.size() == 2)
        return exportCmd(p, pos[1], out, err);
    if (cmd == QLatin1String("info") && pos.size() == 1)
        return info(p, out, err);
    if (cmd == QLatin1String("dashboard") && pos.size() == 1)
        return dashboard(p, out, err);
    if (cmd == QLatin1String("sync") && pos.size() == 1)
        return syncCommand(p, out, err);
    if (cmd == QLatin1String("report") && pos.size() == 2)
        return report(p, pos[1], out, err);
    if (cmd == QLatin1String("hash") && pos.size() == 1)
        return hash(p, out, err);
    if (cmd == QLatin1String("finance") && pos.size() == 1)
        return finance(p, out, err);
    if (cmd == QLatin1String("yield-predict") && pos.size() == 1)
        return yieldPredict(p, out, err);
    if (cmd == QLatin1String("crop-rank") && pos.size() == 1)
        return cropRank(p, out, err);
    if (cmd == QLatin1String("forecast") && pos.size() == 1 && p.isSet(QStringLiteral("input"))) {
        ForecastFileArgs a;
        a.input = p.value(QStringLiteral("input"));
        a.output = p.value(QStringLiteral("out"));
        a.horizon = p.value(QStringLiteral("horizon")).toInt();
        a.period =
            p.isSet(QStringLiteral("season")) ? p.value(QStringLiteral("season")).toInt() : 1;
        if (p.isSet(QStringLiteral("method")))
            a.method = p.value(QStringLiteral("method"));
        a.threads = p.value(QStringLiteral("threads")).toInt();
        if (a.output.isEmpty())
            return usage(err, tr("forecast --input needs --out"));
        return forecastFile(a, out, err);
    }
    if (cmd == QLatin1String("forecast") && pos.size() == 1 && p.isSet(QStringLiteral("workspace")))
        return forecastWorkspace(
            p.value(QStringLiteral("workspace")), p.value(QStringLiteral("product")),
            p.isSet(QStringLiteral("horizon")) ? p.value(QStringLiteral("horizon")).toInt() : 28,
            p.isSet(QStringLiteral("format")) ? p.value(QStringLiteral("format"))
                                              : QStringLiteral("csv"),
            out, err);
    if (cmd == QLatin1String("restock-simulate") && pos.size() == 1)
        return restockSimulate(p, out, err);
    if (cmd == QLatin1String("restock") && pos.size() == 2)
        return restock(p, pos[1], out, err);
    if (cmd == QLatin1String("detect") && pos.size() == 1)
        return detect(p, out, err);
    if (cmd == QLatin1String("qc-conditions") && pos.size() == 1)
        return qcConditions(p, out, err);
    if (cmd == QLatin1String("verify") && pos.size() == 1)
        return verifyAudit(p, out, err);
    if (cmd == QLatin1String("backup") && pos.size() == 1)
        return backupCommand(p, out, err);
    if (cmd == QLatin1String("restore") && pos.size() == 1)
        return restoreCommand(p, out, err);
    if (cmd == QLatin1String("user") && pos.size() >= 2)
        return userCommand(p, pos[1], out, err);
    if (cmd == QLatin1String("sign-in-setting") && pos.size() == 1)
        return signInSettingCommand(p, out, err);
    return usage(err, tr("unknown command or wrong arguments: %1").arg(pos.join(QLatin1Char(' '))));
}

} // namespace agro::commands

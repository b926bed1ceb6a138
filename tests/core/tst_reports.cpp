#include "commands/cli.h"
#include "domain/finance.h"
#include "reports/reportcatalog.h"
#include "reports/reportwriters.h"
#include "reports/salesexport.h"
#include "services/lotregistry.h"
#include "store/financereader.h"
#include "store/mutator.h"
#include "testsupport.h"
#include "xlsxcells.h"

#include <QFile>
#include <QTest>

using namespace agro;

namespace {
/// The CSV of a report read back: section key → rows of cells (the header first).
std::map<QString, std::vector<QStringList>> sectionsOf(const QByteArray &csv) {
    std::map<QString, std::vector<QStringList>> out;
    QString current;
    for (const QByteArray &raw : csv.split('\n')) {
        const QString line = QString::fromUtf8(raw).remove(QLatin1Char('\r'));
        if (line.isEmpty()) {
            current.clear();
            continue;
        }
        // The demo's names hold no commas or quotes except in product names, which the
        // finance sections do not have; quoted fields are rejoined for the QC sections.
        QStringList cells;
        QString cell;
        bool quoted = false;
        for (QChar c : line) {
            if (c == QLatin1Char('"'))
                quoted = !quoted;
            else if (c == QLatin1Char(',') && !quoted) {
                cells << cell;
                cell.clear();
            } else
                cell += c;
        }
        cells << cell;
        if (current.isEmpty() && cells.size() == 2 && cells[0] == QLatin1String("section")) {
            current = cells[1];
            continue;
        }
        if (!current.isEmpty())
            out[current].push_back(cells);
    }
    return out;
}
double num(const QString &s) {
    return s.isEmpty() ? std::nan("") : s.toDouble();
}
} // namespace

/// Reports on the small demo: each figure equals the area's own figure; the same data and
/// --as-of give identical bytes; one changed cost entry changes the data hash; errors name
/// what is wrong.
class TestReports : public QObject {
    Q_OBJECT
    test::Scratch m_dir;
    QString m_path;
    reports::Parameters fixed() const {
        reports::Parameters p;
        p.asOf = QDateTime(QDate(2026, 11, 1), QTime(0, 0), Qt::UTC);
        return p;
    }

private Q_SLOTS:
    void initTestCase() {
        m_path = m_dir.path(QStringLiteral("r.agrodesk"));
        test::makeSmallDemo(m_path);
    }

    void seasonSummaryEqualsFinance_data() {
        QTest::addColumn<QString>("section");
        QTest::addColumn<int>("grouping");
        QTest::newRow("farms") << "farms" << int(domain::FinanceGrouping::Farm);
        QTest::newRow("crops") << "crops" << int(domain::FinanceGrouping::Crop);
        QTest::newRow("fields") << "fields" << int(domain::FinanceGrouping::Field);
        QTest::newRow("plantings") << "plantings" << int(domain::FinanceGrouping::Planting);
    }
    void seasonSummaryEqualsFinance() {
        QFETCH(QString, section);
        QFETCH(int, grouping);
        auto db = test::connect(m_path);
        auto r = reports::buildReport(db, QStringLiteral("season-summary"), fixed(), "test");
        QVERIFY2(r.ok(), test::why(r).constData());
        QCOMPARE(r->parameters.season, QStringLiteral("2026")); // the latest by default
        auto data = store::FinanceReader::load(db, {QString(), QStringLiteral("2026")});
        QVERIFY(data.ok());
        const auto groups = domain::groupFinance(data.value(), domain::FinanceGrouping(grouping));
        const auto sections = sectionsOf(reports::csvBytes(r.value()));
        const auto &rows = sections.at(section);
        QCOMPARE(rows.size(), groups.size() + 1);
        const QStringList header = rows.front();
        auto col = [&](const char *key) { return header.indexOf(QLatin1String(key)); };
        for (size_t i = 0; i < groups.size(); ++i) {
            const QStringList &row = rows[i + 1];
            const auto f = analytics::cropFigures(groups[i].account);
            QCOMPARE(row[col("name")], groups[i].label);
            // Shortest round-trip text: the parsed double is the very same number.
            QCOMPARE(num(row[col("total_cost")]), f.totalCost);
            QCOMPARE(num(row[col("revenue")]), f.revenue);
            QCOMPARE(num(row[col("gross_margin")]), f.grossMargin);
            QCOMPARE(num(row[col("sellable_kg")]), f.sellableKg);
            QCOMPARE(row[col("roi")].isEmpty(), !f.roi.has_value());
            if (f.roi)
                QCOMPARE(num(row[col("roi")]), *f.roi);
            if (f.breakEvenPricePerKg)
                QCOMPARE(num(row[col("break_even_price_per_kg")]), *f.breakEvenPricePerKg);
            if (f.yieldKgHa)
                QCOMPARE(num(row[col("yield_kg_ha")]), *f.yieldKgHa);
        }
    }

    void qcSummaryEqualsSql() {
        auto db = test::connect(m_path);
        reports::Parameters p = fixed();
        p.from = QDate(2026, 5, 1);
        p.to = QDate(2026, 10, 31);
        auto r = reports::buildReport(db, QStringLiteral("qc-summary"), p, "test");
        QVERIFY2(r.ok(), test::why(r).constData());
        const auto sections = sectionsOf(reports::csvBytes(r.value()));
        const auto &rows = sections.at(QStringLiteral("categories"));
        auto st = db.prepare("SELECT c.name, count(*), sum(i.disposition = 'pass'), "
                             "sum(i.disposition = 'hold'), sum(i.disposition = 'fail') FROM "
                             "qc_inspections i JOIN product_categories c ON c.id = i.category_id "
                             "WHERE date(i.inspected_at) BETWEEN '2026-05-01' AND '2026-10-31' "
                             "GROUP BY 1 ORDER BY 1");
        size_t i = 1;
        while (st->step().value()) {
            QVERIFY(i < rows.size());
            QCOMPARE(rows[i][0], st->text(0));
            QCOMPARE(num(rows[i][1]), double(st->int64(1)));
            QCOMPARE(num(rows[i][2]), double(st->int64(2)));
            QCOMPARE(num(rows[i][3]), double(st->int64(3)));
            QCOMPARE(num(rows[i][4]), double(st->int64(4)));
            QCOMPARE(num(rows[i][7]), double(st->int64(4)) / double(st->int64(1)));
            ++i;
        }
        QCOMPARE(i, rows.size());
        QVERIFY(i > 2);
        const auto &held = sections.at(QStringLiteral("held_lots"));
        QCOMPARE(qint64(held.size() - 1),
                 test::intOf(db, "SELECT count(*) FROM lots WHERE status = 'held'"));
    }

    void sameDataAndTimeGiveIdenticalFiles_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("season") << "season-summary";
        QTest::newRow("qc") << "qc-summary";
    }
    void sameDataAndTimeGiveIdenticalFiles() {
        QFETCH(QString, name);
        auto db = test::connect(m_path);
        auto a = reports::buildReport(db, name, fixed(), "test");
        auto b = reports::buildReport(db, name, fixed(), "test");
        QVERIFY(a.ok() && b.ok());
        QCOMPARE(reports::csvBytes(a.value()), reports::csvBytes(b.value()));
        const QString x1 = m_dir.path(name + QStringLiteral("-1.xlsx"));
        const QString x2 = m_dir.path(name + QStringLiteral("-2.xlsx"));
        QVERIFY(reports::writeXlsx(a.value(), x1).ok());
        QVERIFY(reports::writeXlsx(b.value(), x2).ok());
        const QByteArray bytes = test::readFile(x1);
        QVERIFY(bytes.startsWith("PK")); // a zip container
        QCOMPARE(bytes, test::readFile(x2));
        QVERIFY(!QFile::exists(x1 + QStringLiteral(".part")));
        // Another time: only the time differs.
        reports::Parameters later = fixed();
        later.asOf = later.asOf.addDays(1);
        auto c = reports::buildReport(db, name, later, "test");
        QVERIFY(c.ok());
        QCOMPARE(c->dataSha256, a->dataSha256);
        QVERIFY(reports::csvBytes(c.value()) != reports::csvBytes(a.value()));
    }

    void xlsxCellsEqualTheReport_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("season") << "season-summary";
        QTest::newRow("qc") << "qc-summary";
        QTest::newRow("alerts") << "alert-summary";
    }
    void xlsxCellsEqualTheReport() {
        // Read back with our own zip and XML reading: every section's sheet holds the
        // section's cells — text as text, numbers to the last digit written, dates as serials.
        QFETCH(QString, name);
        auto db = test::connect(m_path);
        auto r = reports::buildReport(db, name, fixed(), "t");
        QVERIFY(r.ok());
        const QString file = m_dir.path(name + QStringLiteral("-cells.xlsx"));
        QVERIFY(reports::writeXlsx(r.value(), file).ok());
        const auto sheets = test::readXlsx(file);
        QVERIFY(sheets);
        QCOMPARE(sheets->size(), r->sections.size() + 1);
        QCOMPARE(sheets->front().name, QStringLiteral("About"));
        QCOMPARE(sheets->front().rows.front().front(), r->title);
        QVERIFY(sheets->front().rows.back().join(QLatin1Char(' ')).contains(r->dataTables.front()));
        for (size_t i = 0; i < r->sections.size(); ++i) {
            const reports::Section &s = r->sections[i];
            const test::XlsxSheet &sheet = (*sheets)[i + 1];
            QCOMPARE(sheet.name, s.title.left(31));
            QCOMPARE(sheet.rows.size(), s.rows.size() + 1);
            for (size_t c = 0; c < s.columns.size(); ++c)
                QCOMPARE(sheet.rows[0].value(qsizetype(c)), s.columns[c].title);
            for (size_t row = 0; row < s.rows.size(); ++row)
                for (size_t c = 0; c < s.columns.size(); ++c) {
                    const reports::Cell &cell = s.rows[row][c];
                    const QString got = sheet.rows[row + 1].value(qsizetype(c));
                    if (const auto *text = std::get_if<QString>(&cell))
                        QCOMPARE(got, *text);
                    else if (const auto *d = std::get_if<double>(&cell))
                        QVERIFY2(qAbs(got.toDouble() - *d) <= 1e-14 * qMax(1.0, qAbs(*d)),
                                 qPrintable(got));
                    else if (std::holds_alternative<std::monostate>(cell))
                        QVERIFY(got.isEmpty());
                }
        }
    }

    void oneChangedCostEntryChangesTheHash() {
        const QString ws = m_dir.path(QStringLiteral("changed.agrodesk"));
        QVERIFY(QFile::copy(m_path, ws));
        auto db = test::connect(ws);
        auto before = reports::buildReport(db, QStringLiteral("season-summary"), fixed(), "t");
        QVERIFY(before.ok());
        const QString id = test::textOf(db, "SELECT id FROM cost_entries ORDER BY lid LIMIT 1");
        const double amount =
            test::realOf(db, "SELECT amount FROM cost_entries ORDER BY lid LIMIT 1");
        {
            auto m = store::Mutator::begin(db);
            QVERIFY(m->update(QStringLiteral("cost_entries"), id,
                              {{QStringLiteral("amount"), amount + 1}})
                        .ok());
            QVERIFY(m->commit().ok());
        }
        auto after = reports::buildReport(db, QStringLiteral("season-summary"), fixed(), "t");
        QVERIFY(after.ok());
        QVERIFY(after->dataSha256 != before->dataSha256);
        // The QC summary did not read cost entries: its hash stays.
        auto original = test::connect(m_path);
        auto qcBefore = reports::buildReport(original, QStringLiteral("qc-summary"), fixed(), "t");
        auto qcAfter = reports::buildReport(db, QStringLiteral("qc-summary"), fixed(), "t");
        QVERIFY(qcBefore.ok() && qcAfter.ok());
        QCOMPARE(qcAfter->dataSha256, qcBefore->dataSha256);
    }

    void errorsNameTheProblem_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("farm");
        QTest::addColumn<QDate>("from");
        QTest::addColumn<QDate>("to");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown report")
            << "nope"
            << "" << QDate() << QDate() << int(ErrorCode::NotFound) << "nope";
        QTest::newRow("unknown farm")
            << "season-summary"
            << "Atlantis" << QDate() << QDate() << int(ErrorCode::NotFound) << "Atlantis";
        QTest::newRow("backwards period") << "qc-summary"
                                          << "" << QDate(2026, 6, 1) << QDate(2026, 5, 1)
                                          << int(ErrorCode::InvalidArgument) << "period";
    }
    void errorsNameTheProblem() {
        QFETCH(QString, name);
        QFETCH(QString, farm);
        QFETCH(QDate, from);
        QFETCH(QDate, to);
        QFETCH(int, code);
        QFETCH(QString, mentions);
        auto db = test::connect(m_path);
        reports::Parameters p = fixed();
        p.farm = farm;
        p.from = from;
        p.to = to;
        auto r = reports::buildReport(db, name, p, "t");
        QVERIFY(!r.ok());
        QCOMPARE(int(r.error().code), code);
        QVERIFY2(r.error().detail.contains(mentions), qPrintable(r.error().detail));
    }

    void alertSummaryCountsEveryAlert() {
        auto db = test::connect(m_path);
        auto r = reports::buildReport(db, QStringLiteral("alert-summary"), fixed(), "t");
        QVERIFY2(r.ok(), test::why(r).constData());
        const auto rows = sectionsOf(reports::csvBytes(r.value())).at(QStringLiteral("by_type"));
        double alerts = 0, resolved = 0;
        for (size_t i = 1; i < rows.size(); ++i) {
            alerts += num(rows[i][2]);
            resolved += num(rows[i][6]);
            // Statuses add up to the row's count.
            QCOMPARE(num(rows[i][3]) + num(rows[i][4]) + num(rows[i][5]) + num(rows[i][6]),
                     num(rows[i][2]));
        }
        QCOMPARE(alerts, double(test::intOf(db, "SELECT count(*) FROM alerts")));
        QVERIFY(alerts > 0);
        QCOMPARE(resolved,
                 double(test::intOf(db, "SELECT count(*) FROM alerts WHERE status = 'resolved'")));
    }

    void auditExtractListsTheEntriesAndTheChain() {
        const QString ws = m_dir.path(QStringLiteral("audit.agrodesk"));
        QVERIFY(QFile::copy(m_path, ws));
        auto db = test::connect(ws);
        // Something audited: a lot registered by the owner.
        services::NewLot lot;
        lot.productId = test::textOf(db, "SELECT id FROM products ORDER BY lid LIMIT 1");
        lot.batchNumber = QStringLiteral("AUDIT-1");
        lot.producedOn = QDate(2026, 10, 1);
        lot.quantity = 5;
        lot.supplier = QStringLiteral("Meadow Fresh");
        auto owner = services::actorByUsername(db, QStringLiteral("demo.owner"));
        QVERIFY(owner.ok());
        QVERIFY(services::registerLot(db, owner.value(), lot).ok());
        const qint64 before = test::intOf(db, "SELECT count(*) FROM audit_log");
        QVERIFY(before > 0);
        auto r = reports::buildReport(db, QStringLiteral("audit-extract"), fixed(), "t");
        QVERIFY2(r.ok(), test::why(r).constData());
        const auto rows = sectionsOf(reports::csvBytes(r.value())).at(QStringLiteral("entries"));
        QCOMPARE(qint64(rows.size() - 1), before);
        QVERIFY(r->parameterLines.back().second.startsWith(QStringLiteral("verified")));
        QCOMPARE(rows.back()[2], QStringLiteral("demo.owner"));
        QCOMPARE(rows.back()[3], QStringLiteral("qc.lot"));
    }

    void forecastAccuracyCoversTheRun() {
        const QString ws = m_dir.path(QStringLiteral("fc.agrodesk"));
        QVERIFY(QFile::copy(m_path, ws));
        {
            auto db = test::connect(ws);
            auto none = reports::buildReport(db, QStringLiteral("forecast-accuracy"), fixed(), "t");
            QVERIFY(!none.ok());
            QCOMPARE(none.error().code, ErrorCode::NeedsPrerequisite);
        }
        QString o, e;
        QTextStream os(&o), es(&e);
        QCOMPARE(commands::runCli({QStringLiteral("agrodesk-cli"), QStringLiteral("forecast"),
                                   QStringLiteral("--workspace"), ws},
                                  os, es),
                 0);
        auto db = test::connect(ws);
        auto r = reports::buildReport(db, QStringLiteral("forecast-accuracy"), fixed(), "t");
        QVERIFY2(r.ok(), test::why(r).constData());
        const auto sections = sectionsOf(reports::csvBytes(r.value()));
        const auto &cats = sections.at(QStringLiteral("categories"));
        double products = 0;
        for (size_t i = 1; i < cats.size(); ++i)
            products += num(cats[i][1]);
        QCOMPARE(products, double(test::intOf(db, "SELECT count(*) FROM forecast_results WHERE "
                                                  "run = (SELECT max(lid) FROM forecast_runs)")));
        QCOMPARE(double(sections.at(QStringLiteral("products")).size() - 1), products);
    }

    void restockLogShowsProposalsAndDecisions() {
        const QString ws = m_dir.path(QStringLiteral("restock.agrodesk"));
        QVERIFY(QFile::copy(m_path, ws));
        QString o, e;
        QTextStream os(&o), es(&e);
        auto cli = [&](const QStringList &args) {
            return commands::runCli(QStringList{QStringLiteral("agrodesk-cli")} + args, os, es);
        };
        QCOMPARE(cli({QStringLiteral("forecast"), QStringLiteral("--workspace"), ws}), 0);
        QCOMPARE(cli({QStringLiteral("restock"), QStringLiteral("propose"),
                      QStringLiteral("--workspace"), ws}),
                 0);
        QString proposal;
        {
            auto db = test::connect(ws);
            proposal = test::textOf(db, "SELECT id FROM restock_proposals WHERE gate <> 'owner' "
                                        "ORDER BY priority DESC LIMIT 1");
        }
        QVERIFY(!proposal.isEmpty());
        QCOMPARE(
            cli({QStringLiteral("restock"), QStringLiteral("decide"), QStringLiteral("--workspace"),
                 ws, QStringLiteral("--proposal"), proposal, QStringLiteral("--action"),
                 QStringLiteral("approve"), QStringLiteral("--as"), QStringLiteral("demo.owner")}),
            0);
        auto db = test::connect(ws);
        auto r = reports::buildReport(db, QStringLiteral("restock-log"), fixed(), "t");
        QVERIFY2(r.ok(), test::why(r).constData());
        const auto sections = sectionsOf(reports::csvBytes(r.value()));
        const auto &decisions = sections.at(QStringLiteral("decisions"));
        QCOMPARE(decisions.size(), size_t(2));
        QCOMPARE(decisions[1][2], QStringLiteral("approve"));
        QVERIFY(decisions[1][6].startsWith(QStringLiteral("demo.owner")));
        QCOMPARE(decisions[1][8], QStringLiteral("no")); // the figures it saw are still the same
        const auto &proposals = sections.at(QStringLiteral("proposals"));
        QCOMPARE(qint64(proposals.size() - 1),
                 test::intOf(db, "SELECT count(*) FROM restock_proposals WHERE run = (SELECT "
                                 "max(lid) FROM restock_runs)"));
        int approved = 0, pending = 0;
        for (size_t i = 1; i < proposals.size(); ++i) {
            approved += proposals[i][5] == QLatin1String("approve");
            pending += proposals[i][5] == QLatin1String("pending");
        }
        QCOMPARE(approved, 1);
        QCOMPARE(pending, int(proposals.size()) - 2);
    }

    void salesExportStreamsEveryRow_data() {
        QTest::addColumn<bool>("xlsx");
        QTest::newRow("csv") << false;
        QTest::newRow("xlsx") << true;
    }
    void salesExportStreamsEveryRow() {
        QFETCH(bool, xlsx);
        auto db = test::connect(m_path);
        reports::Parameters p = fixed();
        p.farm = QStringLiteral("River Valley Farm");
        p.from = QDate(2026, 9, 1);
        const qint64 expected = test::intOf(
            db, "SELECT count(*) FROM sales_daily s JOIN products p ON p.lid = s.product JOIN "
                "farms f ON f.id = p.farm_id WHERE f.name = 'River Valley Farm' AND s.day >= "
                "julianday('2026-09-01') - julianday('1970-01-01')");
        QVERIFY(expected > 100);
        const QString file =
            m_dir.path(xlsx ? QStringLiteral("sales.xlsx") : QStringLiteral("sales.csv"));
        Progress progress;
        auto rows = xlsx ? reports::exportSalesXlsx(db, p, file, QStringLiteral("t"), &progress)
                         : reports::exportSalesCsv(db, p, file, QStringLiteral("t"), &progress);
        QVERIFY2(rows.ok(), test::why(rows).constData());
        QCOMPARE(rows.value(), expected);
        QCOMPARE(progress.permille(), 1000);
        const QByteArray bytes = test::readFile(file);
        if (xlsx) {
            QVERIFY(bytes.startsWith("PK"));
            return;
        }
        // Header, metadata and one line per row; the revenue column adds up.
        const auto sections = sectionsOf(bytes);
        const auto &sales = sections.at(QStringLiteral("sales"));
        QCOMPARE(qint64(sales.size() - 1), expected);
        double revenue = 0;
        for (size_t i = 1; i < sales.size(); ++i)
            revenue += sales[i][7].toDouble();
        const double sql = test::realOf(
            db, "SELECT sum(s.quantity * s.price) FROM sales_daily s JOIN products p ON p.lid = "
                "s.product JOIN farms f ON f.id = p.farm_id WHERE f.name = 'River Valley Farm' "
                "AND s.day >= julianday('2026-09-01') - julianday('1970-01-01')");
        QVERIFY(qAbs(revenue - sql) < 1e-6 * sql);
        QVERIFY(bytes.contains("farm,River Valley Farm\r\n"));
    }

    void aCancelledExportLeavesNoFile_data() {
        QTest::addColumn<bool>("xlsx");
        QTest::newRow("csv") << false;
        QTest::newRow("xlsx") << true;
    }
    void aCancelledExportLeavesNoFile() {
        QFETCH(bool, xlsx);
        auto db = test::connect(m_path);
        const QString file = m_dir.path(xlsx ? QStringLiteral("c.xlsx") : QStringLiteral("c.csv"));
        Progress progress;
        progress.cancelled = true;
        auto rows =
            xlsx ? reports::exportSalesXlsx(db, fixed(), file, QStringLiteral("t"), &progress)
                 : reports::exportSalesCsv(db, fixed(), file, QStringLiteral("t"), &progress);
        QVERIFY(!rows.ok());
        QCOMPARE(rows.error().code, ErrorCode::Cancelled);
        QVERIFY(!QFile::exists(file));
        QVERIFY(!QFile::exists(file + QStringLiteral(".part")));
    }

    void commandLineWritesTheFile() {
        const QString out = m_dir.path(QStringLiteral("cli.csv"));
        QString o, e;
        QTextStream os(&o), es(&e);
        const int code = commands::runCli(
            {QStringLiteral("agrodesk-cli"), QStringLiteral("report"),
             QStringLiteral("season-summary"), QStringLiteral("--workspace"), m_path,
             QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--out"), out,
             QStringLiteral("--farm"), QStringLiteral("Hillside Farm"), QStringLiteral("--as-of"),
             QStringLiteral("2026-11-01T00:00:00Z")},
            os, es);
        QCOMPARE(code, 0);
        const QByteArray csv = test::readFile(out);
        QVERIFY(csv.startsWith("report,season-summary\r\n"));
        QVERIFY(csv.contains("farm,Hillside Farm\r\n"));
        QVERIFY(csv.contains("generated_at,2026-11-01T00:00:00.000Z\r\n"));
        // A bad format is a usage error and writes nothing.
        const QString none = m_dir.path(QStringLiteral("none.csv"));
        QCOMPARE(commands::runCli({QStringLiteral("agrodesk-cli"), QStringLiteral("report"),
                                   QStringLiteral("season-summary"), QStringLiteral("--workspace"),
                                   m_path, QStringLiteral("--format"), QStringLiteral("doc"),
                                   QStringLiteral("--out"), none},
                                  os, es),
                 2);
        QVERIFY(!QFile::exists(none));
    }
};

QTEST_GUILESS_MAIN(TestReports)
#include "tst_reports.moc"

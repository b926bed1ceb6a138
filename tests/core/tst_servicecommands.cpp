// The permission matrix through the service API the app calls: every command a person can
// give (records, lots, inspections, alerts, restock decisions, sensor limits, imports, people,
// sign-in, restore) × every role, run with that person signed in to the workspace, each on its
// own copy of the same demo workspace. Whether a role may is taken from the permission table
// (security::allowed on the table and action the command writes), narrowed where a service
// documents a stricter rule. A forbidden command must come back PermissionDenied with nothing
// written and the refusal in the audit log; an allowed one must not be refused for its role.

#include "security/permissions.h"
#include "security/sessions.h"
#include "serverprocess.h"
#include "services/actor.h"
#include "services/alertservice.h"
#include "services/backupservice.h"
#include "services/forecastservice.h"
#include "services/lotregistry.h"
#include "services/qcservice.h"
#include "services/recordservice.h"
#include "services/restockservice.h"
#include "services/sensorservice.h"
#include "services/transferservice.h"
#include "services/userservice.h"
#include "store/backup.h"
#include "store/contenthash.h"
#include "store/workspace.h"
#include "testsupport.h"

#include <QCoroTask>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QTest>

#include <functional>
#include <optional>

using namespace agro;
using namespace agro::services;
using security::Action;

namespace {

const std::pair<const char *, const char *> kPeople[] = {
    {"owner", "demo.owner"},           {"manager", "demo.manager"},
    {"agronomist", "demo.agronomist"}, {"inspector", "demo.inspector1"},
    {"viewer", "demo.viewer"},
};

template<class T> Result<void> outcome(QCoro::Task<Result<T>> task) {
    auto r = test::runTask(std::move(task));
    if (!r.ok())
        return r.error();
    return {};
}

/// A command's SaveOutcome with field problems is a validation answer, not a refusal.
template<class T> Result<void> saved(QCoro::Task<Result<SaveOutcome<T>>> task) {
    auto r = test::runTask(std::move(task));
    if (!r.ok())
        return r.error();
    if (!r->saved)
        return Error::make(ErrorCode::InvalidArgument,
                           r->problems.empty() ? QString()
                                               : r->problems.front().field + QLatin1String(": ") +
                                                     r->problems.front().detail);
    return {};
}

QStringList contentTables(store::Connection &db) {
    QStringList out;
    auto st = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN "
                         "('audit_log', 'sqlite_sequence')");
    (void)st->forEachRow([&] { out << st->text(0); });
    return out;
}

/// The ids a command needs, read once from the demo.
struct Ids {
    QString farm, farmName, otherFarm, field, crop, season2026, season2025, planting, cost, harvest,
        product, sku, lot, sensorAlert, proposal, sensor, viewer, backup, costsCsv, salesCsv;
};

struct Command {
    const char *name;
    QString table; ///< what the command writes, as the permission table names it
    Action action;
    /// A service's own rule, stricter than the table (empty: the table alone).
    std::function<bool(const QString &role)> narrower;
    std::function<Result<void>(const QString &ws, const Actor &actor, const Ids &ids)> run;
};

} // namespace

class TestServiceCommands : public QObject {
    Q_OBJECT
    test::Scratch m_dir;
    QString m_pristine;
    Ids m_ids;
    std::vector<Command> m_commands;

    void readIds() {
        auto db = test::connect(m_pristine);
        Ids &i = m_ids;
        i.farm = test::textOf(db, "SELECT id FROM farms ORDER BY name LIMIT 1");
        i.farmName = test::textOf(db, "SELECT name FROM farms ORDER BY name LIMIT 1");
        i.otherFarm = test::textOf(db, "SELECT id FROM farms ORDER BY name DESC LIMIT 1");
        const auto q = [&](const char *sql) {
            return test::textOf(db, qPrintable(QString::fromLatin1(sql).arg(i.farm)));
        };
        i.field = q("SELECT id FROM fields WHERE farm_id = '%1' ORDER BY lid LIMIT 1");
        i.crop = test::textOf(db, "SELECT id FROM crops ORDER BY name LIMIT 1");
        i.season2026 = q("SELECT id FROM seasons WHERE farm_id = '%1' AND name = '2026'");
        i.season2025 = q("SELECT id FROM seasons WHERE farm_id = '%1' AND name = '2025'");
        i.planting = q("SELECT id FROM plantings WHERE farm_id = '%1' ORDER BY lid DESC LIMIT 1");
        i.cost = q("SELECT id FROM cost_entries WHERE farm_id = '%1' ORDER BY lid LIMIT 1");
        i.harvest = q("SELECT id FROM harvests WHERE farm_id = '%1' ORDER BY lid LIMIT 1");
        i.product = q("SELECT id FROM products WHERE farm_id = '%1' ORDER BY sku LIMIT 1");
        i.sku = q("SELECT sku FROM products WHERE farm_id = '%1' ORDER BY sku LIMIT 1");
        i.lot = q("SELECT l.id FROM lots l JOIN products p ON p.id = l.product_id JOIN "
                  "product_categories c ON c.id = p.category_id WHERE l.farm_id = '%1' AND "
                  "c.kind = 'dairy' AND l.status = 'available' ORDER BY l.lid DESC LIMIT 1");
        i.sensorAlert = q("SELECT id FROM alerts WHERE farm_id = '%1' AND source = 'sensor' AND "
                          "status = 'open' ORDER BY lid LIMIT 1");
        i.proposal = q("SELECT id FROM restock_proposals WHERE farm_id = '%1' ORDER BY lid "
                       "LIMIT 1");
        i.sensor = q("SELECT id FROM sensors WHERE farm_id = '%1' ORDER BY lid LIMIT 1");
        i.viewer = test::textOf(db, "SELECT id FROM users WHERE username = 'demo.viewer'");
        i.costsCsv =
            m_dir.write(QStringLiteral("costs.csv"),
                        QStringLiteral("farm,category,amount,date\n%1,labor,120,2026-01-05\n")
                            .arg(i.farmName)
                            .toUtf8());
        i.salesCsv = m_dir.write(
            QStringLiteral("sales.csv"),
            QStringLiteral("sku,date,quantity,price\n%1,2031-01-01,3,2.5\n").arg(i.sku).toUtf8());
    }

    void defineCommands() {
        const auto tableOnly = std::function<bool(const QString &)>();
        const auto ownersOnly = [](const QString &role) { return role == QLatin1String("owner"); };
        const auto ownersAndManagers = [](const QString &role) {
            return role == QLatin1String("owner") || role == QLatin1String("manager");
        };
        m_commands = {
            {"new farm cost", QStringLiteral("cost_entries"), Action::Create, tableOnly,
             [](const QString &ws, const Actor &, const Ids &i) {
                 domain::CostEntry c;
                 c.farmId = i.farm;
                 c.category = domain::CostCategory::Labor;
                 c.amount = 75;
                 c.incurredOn = QDate(2026, 3, 2);
                 return saved(RecordService::saveCost(ws, c));
             }},
            {"edit a cost", QStringLiteral("cost_entries"), Action::Update, tableOnly,
             [](const QString &ws, const Actor &, const Ids &i) -> Result<void> {
                 auto costs = RecordService::costs(ws, i.farm, {});
                 auto list = test::runTask(std::move(costs));
                 if (!list.ok())
                     return list.error();
                 for (const auto &row : list.value())
                     if (row.entry.id == i.cost) {
                         domain::CostEntry c = row.entry;
                         c.amount += 1;
                         return saved(RecordService::saveCost(ws, c));
                     }
                 return Error::make(ErrorCode::NotFound, i.cost);
             }},
            {"delete a cost", QStringLiteral("cost_entries"), Action::Delete, tableOnly,
             [](const QString &ws, const Actor &, const Ids &i) {
                 return outcome(RecordService::deleteCost(ws, i.cost));
             }},
            {"new planting", QStringLiteral("plantings"), Action::Create, tableOnly,
             [](const QString &ws, const Actor &, const Ids &i) {
                 domain::Planting p{QString(), i.farm, i.field, i.crop,           i.season2026,
                                    0.5,       4000,   0.3,     QDate(2026, 4, 1)};
                 return saved(RecordService::savePlanting(ws, p));
             }},
            {"delete a planting", QStringLiteral("plantings"), Action::Delete, tableOnly,
             [](const QString &ws, const Actor &, const Ids &i) {
                 return outcome(RecordService::deletePlanting(ws, i.planting));
             }},
            {"copy a season's plan", QStringLiteral("plantings"), Action::Create, tableOnly,
             [](const QString &ws, const Actor &, const Ids &i) {
                 return outcome(RecordService::copySeasonPlan(ws, i.farm, i.season2025,
                                                              QStringLiteral("2031")));
             }},
            {"new harvest", QStringLiteral("harvests"), Action::Create, tableOnly,
             [](const QString &ws, const Actor &, const Ids &i) {
                 domain::Harvest h;
                 h.farmId = i.farm;
                 h.plantingId = i.planting;
                 h.harvestedOn = QDate(2026, 9, 1);
                 h.quantityKg = 120;
                 return saved(RecordService::saveHarvest(ws, h));
             }},
            {"delete a harvest", QStringLiteral("harvests"), Action::Delete, tableOnly,
             [](const QString &ws, const Actor &, const Ids &i) {
                 return outcome(RecordService::deleteHarvest(ws, i.harvest));
             }},
            {"register a lot", QStringLiteral("lots"), Action::Create, tableOnly,
             [](const QString &ws, const Actor &a, const Ids &i) {
                 NewLot l;
                 l.productId = i.product;
                 l.batchNumber = QStringLiteral("MATRIX-1");
                 l.producedOn = QDate(2026, 10, 1);
                 l.expiresOn = QDate(2026, 12, 1);
                 l.quantity = 10;
                 l.supplier = QStringLiteral("Matrix Supplies");
                 return outcome(LotRegistry::registerLot(ws, a, l));
             }},
            {"record an inspection", QStringLiteral("qc_inspections"), Action::Create, tableOnly,
             [](const QString &ws, const Actor &a, const Ids &i) {
                 InspectionRequest r;
                 r.lotId = i.lot;
                 r.values = {{QStringLiteral("temperature_c"), 3.0},
                             {QStringLiteral("expiry_date"), QStringLiteral("2027-01-31")},
                             {QStringLiteral("packaging_ok"), true},
                             {QStringLiteral("bacterial_cfu_ml"), 900}};
                 return outcome(QcService::record(ws, a, r));
             }},
            // Inspectors act on QC alerts only (services::actOnAlert).
            {"acknowledge a sensor alert", QStringLiteral("alert_events"), Action::Create,
             [](const QString &role) { return role != QLatin1String("inspector"); },
             [](const QString &ws, const Actor &a, const Ids &i) {
                 return outcome(
                     AlertService::act(ws, a, {i.sensorAlert, AlertAction::Acknowledge, {}, {}}));
             }},
            {"reject a restock proposal", QStringLiteral("restock_decisions"), Action::Create,
             tableOnly,
             [](const QString &ws, const Actor &a, const Ids &i) {
                 DecisionRequest r;
                 r.proposalId = i.proposal;
                 r.action = DecisionAction::Reject;
                 return outcome(RestockService::decide(ws, a, r));
             }},
            {"set sensor limits", QStringLiteral("sensors"), Action::Update, tableOnly,
             [](const QString &ws, const Actor &a, const Ids &i) -> Result<void> {
                 return test::runTask(SensorService::setLimits(ws, a, i.sensor, 2.0, 30.0, 5.0));
             }},
            // Inspection forms are the business's: owners and managers (services::saveForm).
            {"edit an inspection form", QStringLiteral("qc_schema_versions"), Action::Create,
             ownersAndManagers,
             [](const QString &ws, const Actor &a, const Ids &) -> Result<void> {
                 auto db = store::Workspace::connect(ws);
                 if (!db.ok())
                     return db.error();
                 auto forms = categoryForms(db.value());
                 if (!forms.ok())
                     return forms.error();
                 for (const auto &f : forms.value())
                     if (f.kind == QLatin1String("dairy"))
                         return outcome(
                             QcService::saveForm(ws, a, f.categoryId, qc::schemaToJson(f.schema)));
                 return Error::make(ErrorCode::NotFound, QStringLiteral("dairy form"));
             }},
            {"import cost entries", QStringLiteral("cost_entries"), Action::Create, tableOnly,
             [](const QString &ws, const Actor &, const Ids &i) {
                 return outcome(
                     TransferService::importCsv(ws, io::CsvKind::Costs, i.costsCsv, {}, nullptr));
             }},
            {"import sales", QStringLiteral("sales_daily"), Action::Create, tableOnly,
             [](const QString &ws, const Actor &, const Ids &i) {
                 return outcome(
                     TransferService::importCsv(ws, io::CsvKind::Sales, i.salesCsv, {}, nullptr));
             }},
            {"add a person", QStringLiteral("users"), Action::Create, ownersOnly,
             [](const QString &ws, const Actor &, const Ids &i) {
                 return outcome(UserService::add(
                     ws, QStringLiteral("matrix.person"), QStringLiteral("Matrix Person"),
                     QStringLiteral("furrow kestrel lantern"), i.farm, QStringLiteral("viewer")));
             }},
            {"give a role", QStringLiteral("memberships"), Action::Update, ownersOnly,
             [](const QString &ws, const Actor &, const Ids &i) {
                 return test::runTask(
                     UserService::grant(ws, i.viewer, i.farm, QStringLiteral("manager")));
             }},
            {"require sign-in", QStringLiteral("workspace"), Action::Update, ownersOnly,
             [](const QString &ws, const Actor &, const Ids &) {
                 return test::runTask(UserService::setSignInRequired(ws, true));
             }},
            {"restore a backup", QStringLiteral("workspace"), Action::Update, ownersOnly,
             [](const QString &ws, const Actor &a, const Ids &i) {
                 return outcome(BackupService::restore(ws, i.backup,
                                                       QFileInfo(ws).absolutePath() +
                                                           QStringLiteral("/restore-") + a.username,
                                                       a.userId));
             }},
        };
    }

    bool expectedFor(const Command &c, const QString &role) const {
        bool yes;
        // People, roles and the workspace itself are outside the synced tables' permission
        // table: the service's own rule decides (owners; store::WriteGuard).
        if (c.table == QLatin1String("users") || c.table == QLatin1String("memberships") ||
            c.table == QLatin1String("workspace"))
            yes = true;
        else
            yes = security::allowed(role, c.table, c.action);
        return yes && (!c.narrower || c.narrower(role));
    }

private Q_SLOTS:
    void initTestCase() {
        m_pristine = m_dir.path(QStringLiteral("pristine.agrodesk"));
        test::makeSmallDemo(m_pristine);
        // The backup to restore is taken before the proposals exist, so restoring it changes
        // the workspace.
        m_ids.backup = m_dir.path(QStringLiteral("pristine.agrodesk-backup"));
        auto b = store::Backup::take(m_pristine, m_ids.backup);
        QVERIFY2(b.ok(), test::why(b).constData());
        {
            auto db = test::connect(m_pristine);
            Progress progress;
            QVERIFY(runAllForecasts(db, 28, progress, 2).ok());
            auto run = generateProposals(db);
            QVERIFY2(run.ok(), test::why(run).constData());
        }
        readIds();
        {
            // A planting nothing refers to yet, so that deleting it is only a question of role.
            auto db = test::connect(m_pristine);
            domain::Planting p{QString(),        m_ids.farm, m_ids.field, m_ids.crop,
                               m_ids.season2026, 0.25,       3000,        0.4,
                               QDate(2026, 4, 2)};
            auto made = savePlantingRecord(db, p);
            QVERIFY2(made.ok() && made->saved, test::why(made).constData());
            m_ids.planting = made->saved->id;
        }
        for (const QString *id :
             {&m_ids.farm, &m_ids.field, &m_ids.crop, &m_ids.season2026, &m_ids.season2025,
              &m_ids.planting, &m_ids.cost, &m_ids.harvest, &m_ids.product, &m_ids.lot,
              &m_ids.sensorAlert, &m_ids.proposal, &m_ids.sensor, &m_ids.viewer})
            QVERIFY2(!id->isEmpty(), "the small demo lacks a row the matrix needs");
        defineCommands();
    }

    void everyCommandAndRole_data() {
        QTest::addColumn<int>("command");
        QTest::addColumn<QString>("role");
        QTest::addColumn<QString>("person");
        for (int c = 0; c < int(m_commands.size()); ++c)
            for (const auto &[role, person] : kPeople)
                QTest::addRow("%s as %s", m_commands[size_t(c)].name, role)
                    << c << QString::fromLatin1(role) << QString::fromLatin1(person);
    }
    void everyCommandAndRole() {
        QFETCH(int, command);
        QFETCH(QString, role);
        QFETCH(QString, person);
        const Command &c = m_commands[size_t(command)];
        const QString ws = m_dir.path(QStringLiteral("cmd-%1-%2.agrodesk").arg(command).arg(role));
        QFile::remove(ws);
        QVERIFY(QFile::copy(m_pristine, ws));
        auto db = test::connect(ws);
        const QStringList tables = contentTables(db);
        const QByteArray before = store::contentHash(db, tables).value();
        const qint64 refusalsBefore =
            test::intOf(db, "SELECT count(*) FROM audit_log WHERE action = 'permission.refused'");
        auto actor = actorByUsername(db, person);
        QVERIFY(actor.ok());
        security::Sessions::signIn(ws, {actor->userId, actor->username});
        const Result<void> r = c.run(ws, actor.value(), m_ids);
        security::Sessions::signOut(ws);

        const bool expected = expectedFor(c, role);
        if (expected) {
            // Not refused, and carried out: the matrix's inputs are valid.
            QVERIFY2(r.ok(), test::why(r).constData());
            QVERIFY(store::contentHash(db, tables).value() != before);
            return;
        }
        QVERIFY2(!r.ok(), "a forbidden command was carried out");
        QCOMPARE(r.error().code, ErrorCode::PermissionDenied);
        QCOMPARE(store::contentHash(db, tables).value(), before);
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM audit_log WHERE action = "
                                 "'permission.refused'"),
                 refusalsBefore + 1);
    }
};

QTEST_GUILESS_MAIN(TestServiceCommands)
#include "tst_servicecommands.moc"

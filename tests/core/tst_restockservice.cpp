#include "services/forecastservice.h"
#include "services/restockservice.h"
#include "store/auditlog.h"
#include "testsupport.h"

#include <QFile>
#include <QJsonArray>
#include <QTest>

using namespace agro;
namespace inv = agro::analytics::inventory;

/// Restock proposals over the small demo: generated from a forecast run with gates, decided
/// under the role rules of the service layer, append-only and audited in a hash chain.
class TestRestockService : public QObject {
    Q_OBJECT
    test::Scratch m_dir;
    QString m_path;
    QString m_farm;

    services::Actor actor(store::Connection &db, const char *name) {
        auto a = services::actorByUsername(db, QString::fromLatin1(name));
        if (!a.ok())
            qFatal("no user %s", name);
        return a.value();
    }
    qint64 decisions(store::Connection &db) {
        return test::intOf(db, "SELECT count(*) FROM restock_decisions");
    }
    /// The first pending proposal whose gate is `gate`.
    std::optional<services::ProposalView> pendingWith(store::Connection &db, const QString &gate) {
        auto list = services::listProposals(db);
        if (!list.ok())
            return std::nullopt;
        for (const auto &p : list.value())
            if (p.gate == gate && p.status == services::ProposalStatus::Pending)
                return p;
        return std::nullopt;
    }

private Q_SLOTS:
    void initTestCase() {
        m_path = m_dir.path(QStringLiteral("rs.agrodesk"));
        test::makeSmallDemo(m_path);
        auto db = test::connect(m_path);
        m_farm = test::textOf(db, "SELECT id FROM farms ORDER BY name LIMIT 1");
    }

    void needsAForecastRunFirst() {
        auto db = test::connect(m_path);
        auto r = services::generateProposals(db);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::NeedsPrerequisite);
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM restock_runs"), qint64(0));
    }

    void gateBoundaries_data() {
        QTest::addColumn<double>("confidence");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("gate");
        QTest::newRow("0.8, under limit") << 0.8 << 999.99 << "auto";
        QTest::newRow("0.7999, under limit") << 0.7999 << 999.99 << "review";
        QTest::newRow("0.8, at limit") << 0.8 << 1000.0 << "review";
        QTest::newRow("0.6") << 0.6 << 10.0 << "review";
        QTest::newRow("0.5999") << 0.5999 << 10.0 << "manual";
        QTest::newRow("at hard maximum") << 0.9 << 5000.0 << "review";
        QTest::newRow("above hard maximum") << 0.9 << 5000.01 << "owner";
        QTest::newRow("low confidence above maximum") << 0.1 << 9000.0 << "owner";
    }
    void gateBoundaries() {
        QFETCH(double, confidence);
        QFETCH(double, value);
        QFETCH(QString, gate);
        QCOMPARE(QString::fromLatin1(inv::gateKey(inv::gateFor(confidence, value, {}))), gate);
    }

    void proposalsExplainThemselves() {
        auto db = test::connect(m_path);
        Progress progress;
        QVERIFY(services::runAllForecasts(db, 28, progress, 2).ok());
        auto run = services::generateProposals(db);
        QVERIFY2(run.ok(), test::why(run).constData());
        QVERIFY(run->proposals > 0);
        auto list = services::listProposals(db);
        QVERIFY(list.ok());
        QCOMPARE(int(list->size()), run->proposals);
        const inv::GateSettings defaults;
        double lastPriority = 1e9;
        for (const auto &p : list.value()) {
            QVERIFY(p.quantity > 0);
            QVERIFY(p.priority <= lastPriority + 1e-9);
            lastPriority = p.priority;
            QCOMPARE(p.gate, QString::fromLatin1(
                                 inv::gateKey(inv::gateFor(p.confidence, p.value, defaults))));
            const QJsonObject &e = p.explanation;
            QVERIFY(e.value(QStringLiteral("rule"))
                        .toString()
                        .contains(QLatin1String("reorder point")));
            const auto formulas = e.value(QStringLiteral("formulas")).toArray();
            QVERIFY(formulas.size() >= 5);
            // The reorder point in the formulas is the number the rule used.
            const QString s =
                QString::number(e.value(QStringLiteral("reorder_point")).toDouble(), 'f', 1);
            QVERIFY2(formulas[3].toString().contains(QStringLiteral("s = ") + s),
                     qPrintable(formulas[3].toString()));
            QVERIFY(
                e.value(QStringLiteral("inputs")).toObject().contains(QStringLiteral("on_order")));
            QCOMPARE(p.status, p.gate == QLatin1String("auto")
                                   ? services::ProposalStatus::AutoApproved
                                   : services::ProposalStatus::Pending);
        }
        QCOMPARE(decisions(db), qint64(run->autoApproved));
    }

    void viewerCannotDecide() {
        auto db = test::connect(m_path);
        auto list = services::listProposals(db);
        QVERIFY(list.ok() && !list->empty());
        const qint64 before = decisions(db);
        for (const char *who : {"demo.viewer", "demo.inspector1", "demo.agronomist"}) {
            auto d =
                services::decide(db, actor(db, who),
                                 {list->front().id, services::DecisionAction::Approve, 0, {}, {}});
            QVERIFY(!d.ok());
            QCOMPARE(d.error().code, ErrorCode::PermissionDenied);
        }
        QCOMPARE(decisions(db), before);
    }

    void overrideNeedsAReason() {
        auto db = test::connect(m_path);
        auto list = services::listProposals(db);
        QVERIFY(list.ok() && !list->empty());
        const auto &p = list->back(); // lowest priority: cheapest to decide on
        const auto owner = actor(db, "demo.owner");
        const qint64 before = decisions(db);
        using A = services::DecisionAction;
        auto none = services::decide(db, owner, {p.id, A::Override, 3, {}, {}});
        QCOMPARE(none.error().code, ErrorCode::InvalidArgument);
        auto other = services::decide(
            db, owner, {p.id, A::Override, 3, QStringLiteral("other"), QStringLiteral("  ")});
        QCOMPARE(other.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(decisions(db), before);
        auto ok = services::decide(db, owner,
                                   {p.id, A::Override, 3, QStringLiteral("storage_limit"), {}});
        QVERIFY2(ok.ok(), test::why(ok).constData());
        auto after = services::proposal(db, p.id);
        QVERIFY(after.ok());
        QCOMPARE(after->status, services::ProposalStatus::Overridden);
        QCOMPARE(after->lastDecision->quantity, 3.0);
        QCOMPARE(after->lastDecision->reasonCode, QStringLiteral("storage_limit"));
        QCOMPARE(after->lastDecision->actorRole, QStringLiteral("owner"));
    }

    void managerUpToTheHardMaximum() {
        auto db = test::connect(m_path);
        const auto owner = actor(db, "demo.owner");
        const auto manager = actor(db, "demo.manager");
        // Managers may not change the gates; owners may.
        inv::GateSettings g;
        g.autoApproveLimit = 0;
        g.hardMaximum = 1; // every order is above it now
        QCOMPARE(services::saveGateSettings(db, manager.userId, m_farm, g).error().code,
                 ErrorCode::PermissionDenied);
        QVERIFY(services::saveGateSettings(db, owner.userId, m_farm, g).ok());
        auto loaded = services::loadGateSettings(db, m_farm);
        QCOMPARE(loaded->hardMaximum, 1.0);
        auto list = services::listProposals(db);
        const services::ProposalView *p = nullptr;
        for (const auto &v : list.value())
            if (v.farmId == m_farm && v.status == services::ProposalStatus::Pending && v.value > 1)
                p = &v;
        QVERIFY(p);
        const qint64 before = decisions(db);
        auto denied =
            services::decide(db, manager, {p->id, services::DecisionAction::Approve, 0, {}, {}});
        QCOMPARE(denied.error().code, ErrorCode::PermissionDenied);
        QCOMPARE(decisions(db), before);
        // Rejecting is not ordering: a manager may.
        QVERIFY(services::decide(db, manager, {p->id, services::DecisionAction::Reject, 0, {}, {}})
                    .ok());
        QVERIFY(services::decide(db, owner, {p->id, services::DecisionAction::Approve, 0, {}, {}})
                    .ok());
        auto after = services::proposal(db, p->id);
        QCOMPARE(after->status, services::ProposalStatus::Approved);
        QCOMPARE(after->decisions, 2);
        QVERIFY(services::saveGateSettings(db, owner.userId, m_farm, inv::GateSettings{}).ok());
    }

    void autoApprovalIsTheSystemsDecision() {
        auto db = test::connect(m_path);
        const auto owner = actor(db, "demo.owner");
        inv::GateSettings g;
        g.autoConfidence = 0.0;
        g.reviewConfidence = 0.0;
        g.autoApproveLimit = 1e9;
        g.hardMaximum = 1e9;
        QVERIFY(services::saveGateSettings(db, owner.userId, m_farm, g).ok());
        auto run = services::generateProposals(db);
        QVERIFY(run.ok());
        QVERIFY(run->autoApproved > 0);
        auto list = services::listProposals(db, run->runId);
        for (const auto &p : list.value()) {
            if (p.farmId != m_farm)
                continue;
            QCOMPARE(p.gate, QStringLiteral("auto"));
            QCOMPARE(p.status, services::ProposalStatus::AutoApproved);
            QCOMPARE(p.lastDecision->actor, QStringLiteral("system"));
            QCOMPARE(p.lastDecision->gate, QStringLiteral("auto"));
        }
        QVERIFY(services::saveGateSettings(db, owner.userId, m_farm, inv::GateSettings{}).ok());
    }

    void overrideLearning() {
        // A proposal made 60 days before the last sale, overridden: its cover period has passed,
        // so the review can say who was closer to the demand that followed.
        auto db = test::connect(m_path);
        const qint64 last = test::intOf(db, "SELECT max(day) FROM sales_daily");
        const QString productId =
            test::textOf(db, "SELECT p.id FROM products p JOIN sales_daily s ON "
                             "s.product = p.lid WHERE p.farm_id = (SELECT id FROM farms "
                             "ORDER BY name LIMIT 1) GROUP BY p.id ORDER BY sum(s.quantity) "
                             "DESC LIMIT 1");
        const qint64 productLid = test::intOf(
            db,
            qPrintable(QStringLiteral("SELECT lid FROM products WHERE id = '%1'").arg(productId)));
        const qint64 asOf = last - 60;
        QVERIFY(db.exec(QStringLiteral(
                            "INSERT INTO restock_runs (id, created_at, forecast_run, as_of_day) "
                            "VALUES ('run-old', '2026-09-01T00:00:00.000Z', 'f', %1)")
                            .arg(asOf)
                            .toStdString())
                    .ok());
        // Position 10, 20 a day forecast, lead time 4; proposed 100 → cover 4 + 1 + 5 = 10 days.
        const QString explanation =
            QStringLiteral("{\"inventory_position\":10,\"inputs\":{\"forecast_daily_mean\":20,"
                           "\"lead_time_days\":4}}");
        QVERIFY(
            db.exec(QStringLiteral(
                        "INSERT INTO restock_proposals (id, run, farm_id, product_id, quantity, "
                        "value, due_day, confidence, gate, explanation) SELECT 'prop-old', lid, "
                        "'%1', '%2', 100, 100, %3, 0.7, 'review', '%4' FROM restock_runs WHERE id "
                        "= 'run-old'")
                        .arg(m_farm, productId)
                        .arg(asOf + 5)
                        .arg(explanation)
                        .toStdString())
                .ok());
        auto d = services::decide(db, actor(db, "demo.manager"),
                                  {QStringLiteral("prop-old"),
                                   services::DecisionAction::Override,
                                   40,
                                   QStringLiteral("promotion"),
                                   {}});
        QVERIFY2(d.ok(), test::why(d).constData());
        auto review = services::reviewOverrides(db);
        QVERIFY(review.ok());
        const services::OverrideOutcome *o = nullptr;
        for (const auto &r : review.value())
            if (r.proposalId == QLatin1String("prop-old"))
                o = &r;
        QVERIFY(o);
        QCOMPARE(o->coverDays, 10);
        QCOMPARE(o->daysKnown, 10);
        // Needed = what sold over the 10 days after the proposal − the position of 10 (the small
        // demo's sales here have no stock-outs; if they had, the forecast rate would stand in).
        const double sold = test::realOf(
            db, qPrintable(QStringLiteral("SELECT coalesce(sum(quantity), 0) FROM sales_daily "
                                          "WHERE product = %1 AND day > %2 AND day <= %3 "
                                          "AND stockout = 0")
                               .arg(productLid)
                               .arg(asOf)
                               .arg(asOf + 10)));
        const qint64 stockouts = test::intOf(
            db,
            qPrintable(QStringLiteral("SELECT count(DISTINCT day) FROM sales_daily WHERE product = "
                                      "%1 AND day > %2 AND day <= %3 AND stockout = 1")
                           .arg(productLid)
                           .arg(asOf)
                           .arg(asOf + 10)));
        QVERIFY(std::abs(o->needed - std::max(0.0, sold + 20.0 * double(stockouts) - 10)) < 1e-6);
        const auto expected = std::abs(100 - o->needed) < std::abs(40 - o->needed)
                                  ? services::OverrideOutcome::Verdict::Model
                                  : services::OverrideOutcome::Verdict::Person;
        QCOMPARE(o->verdict, expected);
    }

    void decisionsAreAppendOnly() {
        auto db = test::connect(m_path);
        QVERIFY(!db.exec("UPDATE restock_decisions SET quantity = 0").ok());
        QVERIFY(!db.exec("DELETE FROM restock_decisions").ok());
        QVERIFY(!db.exec("DELETE FROM audit_log").ok());
    }

    void decisionLogExport() {
        auto db = test::connect(m_path);
        const QString file = m_dir.path(QStringLiteral("log.csv"));
        auto rows = services::exportDecisionLog(db, file);
        QVERIFY(rows.ok());
        QCOMPARE(rows.value(), decisions(db));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().split('\n');
        QVERIFY(lines.front().startsWith("decided_at,farm,sku,product,action,quantity"));
    }

    void auditChainDetectsTampering() {
        auto db = test::connect(m_path);
        auto v = store::AuditLog::verify(db);
        QVERIFY(v.ok());
        QVERIFY2(v->ok(), qPrintable(v->reason));
        QVERIFY(v->entries >= 5);
        // By hand, as someone with the file and sqlite3 would: drop the guard, change a row.
        QVERIFY(db.exec("DROP TRIGGER audit_log_no_update").ok());
        auto tampered =
            db.exec("UPDATE audit_log SET detail_json = '{\"action\":\"approve\",\"quantity\":1}' "
                    "WHERE seq = 3");
        QVERIFY2(tampered.ok(), test::why(tampered).constData());
        v = store::AuditLog::verify(db);
        QVERIFY(v.ok());
        QVERIFY(!v->ok());
        QCOMPARE(*v->firstBroken, qint64(3));
        QVERIFY(v->reason.contains(QLatin1String("entry 3")));
    }
};

QTEST_GUILESS_MAIN(TestRestockService)
#include "tst_restockservice.moc"

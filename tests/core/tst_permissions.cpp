// The permission table enforced where it matters: in the Mutator under every service command,
// and so in the CLI. The matrix is generated from security::allowed over every entity table ×
// create/update/delete × role (and a person with no role): each forbidden write is refused with
// PermissionDenied, nothing of it is written, and the refusal is audited; each allowed one
// passes the check. The CLI part runs real commands as each demo person with --as.

#include "commands/cli.h"
#include "security/permissions.h"
#include "security/sessions.h"
#include "store/contenthash.h"
#include "store/mutator.h"
#include "store/workspace.h"
#include "sync/change.h"
#include "testsupport.h"

#include <QTest>

using namespace agro;
using namespace agro::store;

namespace {
// The demo's people, one per role.
const std::pair<const char *, const char *> kPeople[] = {
    {"owner", "demo.owner"},           {"manager", "demo.manager"},
    {"agronomist", "demo.agronomist"}, {"inspector", "demo.inspector1"},
    {"viewer", "demo.viewer"},
};

QStringList contentTables(Connection &db) {
    QStringList out;
    auto st = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN "
                         "('audit_log', 'sqlite_sequence')");
    (void)st->forEachRow([&] { out << st->text(0); });
    return out;
}
} // namespace

class TestPermissions : public QObject {
    Q_OBJECT
    test::Scratch m_dir;
    QString m_ws;

    static int cli(const QStringList &args, QString *output = nullptr) {
        QString o, e;
        QTextStream out(&o), err(&e);
        const int rc =
            commands::runCli(QStringList{QStringLiteral("agrodesk-cli")} + args, out, err);
        out.flush();
        err.flush();
        if (output)
            *output = o + e;
        return rc;
    }

    static QString userId(Connection &db, const QString &name) {
        auto st = db.prepare("SELECT id FROM users WHERE username = ?");
        st->bind(1, name);
        return st->step().value() ? st->text(0) : QString();
    }

private Q_SLOTS:
    void initTestCase() {
        m_ws = m_dir.path(QStringLiteral("perm.agrodesk"));
        test::makeSmallDemo(m_ws);
        // A person of the workspace with no role on any farm.
        auto db = test::connect(m_ws);
        auto m = Mutator::begin(db);
        QVERIFY(m->insert(QStringLiteral("users"), m->newId(),
                          {{QStringLiteral("username"), QStringLiteral("outsider")},
                           {QStringLiteral("display_name"), QStringLiteral("Outsider")},
                           {QStringLiteral("disabled"), 0}})
                    .ok());
        QVERIFY(m->commit().ok());
    }

    void cleanup() { security::Sessions::signOut(m_ws); }

    void everyTableActionAndRole() {
        auto db = test::connect(m_ws);
        const QStringList tables = contentTables(db);
        auto before = contentHash(db, tables);
        QVERIFY(before.ok());
        std::vector<std::pair<QString, QString>> people;
        for (const auto &[role, name] : kPeople)
            people.emplace_back(QLatin1String(role), QLatin1String(name));
        people.emplace_back(QString(), QStringLiteral("outsider"));

        int attempts = 0, forbidden = 0, refusedCleanly = 0, skipped = 0;
        QStringList entityTables = sync::syncedTables();
        entityTables << QStringLiteral("users") << QStringLiteral("memberships");
        for (const QString &table : entityTables) {
            // A real row of the table to copy, change and delete.
            QString rowId, farmId;
            Columns copy;
            {
                const bool hasFarm =
                    test::intOf(db, qPrintable(QStringLiteral("SELECT count(*) FROM "
                                                              "pragma_table_info('%1') WHERE "
                                                              "name = 'farm_id'")
                                                   .arg(table))) > 0;
                auto st = db.prepare(QStringLiteral("SELECT * FROM %1 ORDER BY lid LIMIT 1")
                                         .arg(table)
                                         .toStdString());
                QVERIFY(st.ok());
                auto row = st->step();
                QVERIFY(row.ok());
                if (!row.value()) {
                    ++skipped; // the small demo has none of these rows
                    continue;
                }
                auto cols = db.prepare(QStringLiteral("SELECT name FROM pragma_table_info('%1') "
                                                      "ORDER BY cid")
                                           .arg(table)
                                           .toStdString());
                int i = 0;
                QStringList names;
                (void)cols->forEachRow([&] { names << cols->text(0); });
                for (const QString &n : names) {
                    const QVariant v = st->variant(i++);
                    if (n == QLatin1String("id"))
                        rowId = v.toString();
                    else if (n != QLatin1String("lid"))
                        copy.push_back({n, v});
                    if (n == QLatin1String("farm_id") && hasFarm)
                        farmId = v.toString();
                }
                if (table == QLatin1String("farms"))
                    farmId = rowId;
            }
            for (const auto &[role, name] : people) {
                for (security::Action action : {security::Action::Create, security::Action::Update,
                                                security::Action::Delete}) {
                    bool expected;
                    if (table == QLatin1String("users"))
                        expected = role == QLatin1String("owner");
                    else if (table == QLatin1String("memberships"))
                        expected = role == QLatin1String("owner");
                    else if (table == QLatin1String("farms") && action == security::Action::Create)
                        expected = role != QLatin1String("viewer"); // the outsider starts one
                    else if (farmId.isEmpty())
                        expected =
                            role == QLatin1String("owner") || role == QLatin1String("manager");
                    else
                        expected = !role.isEmpty() && security::allowed(role, table, action);

                    security::Sessions::signIn(m_ws, {userId(db, name), name});
                    const qint64 audits = test::intOf(db, "SELECT count(*) FROM audit_log");
                    Result<void> r;
                    QString newId;
                    {
                        auto m = Mutator::begin(db);
                        QVERIFY2(m.ok(), test::why(m).constData());
                        newId = m->newId();
                        if (action == security::Action::Create)
                            r = m->insert(table, newId, copy);
                        else if (action == security::Action::Update)
                            r = m->update(table, rowId, {copy.front()});
                        else
                            r = m->remove(table, rowId);
                        // Allowed writes are rolled back: the matrix leaves the file as it was.
                    }
                    security::Sessions::signOut(m_ws);
                    ++attempts;
                    const QString what =
                        QStringLiteral("%1 %2 %3").arg(name, security::actionName(action), table);
                    if (expected) {
                        QVERIFY2(
                            r.ok() || r.error().code != ErrorCode::PermissionDenied,
                            qPrintable(what + QStringLiteral(" was refused: ") + r.error().detail));
                        continue;
                    }
                    ++forbidden;
                    QVERIFY2(!r.ok() && r.error().code == ErrorCode::PermissionDenied,
                             qPrintable(what + QStringLiteral(" was not refused")));
                    QCOMPARE(test::intOf(db, "SELECT count(*) FROM audit_log"), audits + 1);
                    QCOMPARE(test::textOf(db, "SELECT action FROM audit_log ORDER BY seq DESC "
                                              "LIMIT 1"),
                             QStringLiteral("permission.refused"));
                    ++refusedCleanly;
                }
            }
        }
        auto after = contentHash(db, tables);
        QVERIFY(after.ok());
        QCOMPARE(after.value(), before.value());
        QVERIFY(forbidden > 0);
        QCOMPARE(refusedCleanly, forbidden);
        qInfo("%d attempts over %d tables (%d without rows in the demo), %d forbidden, %d "
              "refused with nothing written and audited",
              attempts, int(entityTables.size()), skipped, forbidden, refusedCleanly);
    }

    void cliCommandsAsEachRole_data() {
        QTest::addColumn<QString>("person");
        QTest::addColumn<QString>("role");
        for (const auto &[role, name] : kPeople)
            QTest::newRow(role) << QString::fromLatin1(name) << QString::fromLatin1(role);
    }
    void cliCommandsAsEachRole() {
        QFETCH(QString, person);
        QFETCH(QString, role);
        const QString ws = m_dir.path(QStringLiteral("cli-%1.agrodesk").arg(role));
        QVERIFY(QFile::copy(m_ws, ws));
        auto db = test::connect(ws);
        const QString farm = test::textOf(db, "SELECT name FROM farms ORDER BY name LIMIT 1");
        const QString sku = test::textOf(db, "SELECT p.sku FROM products p JOIN farms f ON "
                                             "f.id = p.farm_id ORDER BY f.name, p.sku LIMIT 1");
        const QString sensor =
            test::textOf(db, "SELECT s.name FROM sensors s JOIN farms f ON f.id = s.farm_id "
                             "ORDER BY f.name, s.name LIMIT 1");
        const QStringList tables = contentTables(db);
        struct Case {
            QString table;
            QStringList args;
        };
        const QString costs =
            m_dir.write(QStringLiteral("costs.csv"),
                        QStringLiteral("farm,category,amount,date\n%1,labor,120,2026-01-05\n")
                            .arg(farm)
                            .toUtf8());
        const QString sales = m_dir.write(
            QStringLiteral("sales.csv"),
            QStringLiteral("sku,date,quantity,price\n%1,2031-01-01,3,2.5\n").arg(sku).toUtf8());
        const QString readings =
            m_dir.write(QStringLiteral("readings.csv"),
                        QStringLiteral("sensor,timestamp,value\n%1,2031-01-01T06:00:00Z,12.5\n")
                            .arg(sensor)
                            .toUtf8());
        const QString products =
            m_dir.write(QStringLiteral("products.csv"),
                        QStringLiteral("sku,name,farm,price\nPERM-1,Permission test,%1,3\n")
                            .arg(farm)
                            .toUtf8());
        const std::vector<Case> cases = {
            {QStringLiteral("cost_entries"),
             {QStringLiteral("import"), QStringLiteral("costs"), QStringLiteral("--file"), costs}},
            {QStringLiteral("sales_daily"),
             {QStringLiteral("import"), QStringLiteral("sales"), QStringLiteral("--file"), sales}},
            {QStringLiteral("sensor_readings"),
             {QStringLiteral("import"), QStringLiteral("readings"), QStringLiteral("--file"),
              readings}},
            {QStringLiteral("products"),
             {QStringLiteral("import"), QStringLiteral("products"), QStringLiteral("--file"),
              products}},
        };
        for (const Case &c : cases) {
            const bool expected = security::allowed(role, c.table, security::Action::Create);
            auto before = contentHash(db, tables);
            QString out;
            const int rc = cli(c.args + QStringList{QStringLiteral("--workspace"), ws,
                                                    QStringLiteral("--as"), person},
                               &out);
            const QString what = QStringLiteral("%1: %2 → %3").arg(person, c.args.join(' '), out);
            if (expected) {
                QVERIFY2(rc == 0, qPrintable(what));
                continue;
            }
            QVERIFY2(rc != 0 && out.contains(QStringLiteral("Not allowed for your role")),
                     qPrintable(what));
            QCOMPARE(contentHash(db, tables).value(), before.value());
        }
        // Managing people and restoring backups are an owner's.
        const QString backup = m_dir.path(QStringLiteral("cli-%1.bak").arg(role));
        QCOMPARE(cli({QStringLiteral("backup"), QStringLiteral("--workspace"), ws,
                      QStringLiteral("--out"), backup, QStringLiteral("--as"), person}),
                 0);
        const std::vector<QStringList> ownerOnly = {
            {QStringLiteral("user"), QStringLiteral("grant"), QStringLiteral("demo.viewer"),
             QStringLiteral("--farm"), farm, QStringLiteral("--role"), QStringLiteral("manager")},
            {QStringLiteral("user"), QStringLiteral("disable"), QStringLiteral("demo.viewer")},
            {QStringLiteral("restore"), QStringLiteral("--from"), backup},
        };
        for (const QStringList &args : ownerOnly) {
            auto before = contentHash(db, tables);
            QString out;
            const int rc = cli(args + QStringList{QStringLiteral("--workspace"), ws,
                                                  QStringLiteral("--as"), person},
                               &out);
            const QString what = QStringLiteral("%1: %2 → %3").arg(person, args.join(' '), out);
            if (role == QLatin1String("owner")) {
                QVERIFY2(rc == 0, qPrintable(what));
                continue;
            }
            QVERIFY2(rc != 0 && out.contains(QStringLiteral("Not allowed for your role")),
                     qPrintable(what));
            QCOMPARE(contentHash(db, tables).value(), before.value());
        }
    }
};

QTEST_GUILESS_MAIN(TestPermissions)
#include "tst_permissions.moc"

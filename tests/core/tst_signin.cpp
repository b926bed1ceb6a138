// Signing in to a workspace: the password rules, scrypt parameters of every stored hash and
// the upgrade of a weaker one at sign-in, the exponential back-off after wrong passwords
// (with audit entries), whether the workspace requires sign-in, and that the plain password
// is nowhere in the workspace, its backups, exports or settings.

#include "commands/cli.h"
#include "security/passwordhash.h"
#include "security/passwordpolicy.h"
#include "security/sessions.h"
#include "services/actor.h"
#include "services/sensorservice.h"
#include "services/signin.h"
#include "services/userservice.h"
#include "store/backup.h"
#include "store/workspace.h"
#include "testsupport.h"

#include <QDirIterator>
#include <QSettings>
#include <QTest>

using namespace agro;
using namespace agro::services;

namespace {
const QString kPassword = QStringLiteral("blue tractor in the rain");
const QString kOther = QStringLiteral("seven quiet orchards");
} // namespace

class TestSignIn : public QObject {
    Q_OBJECT
    test::Scratch m_dir;
    QString m_ws, m_farm;

private Q_SLOTS:
    void initTestCase() {
        m_ws = m_dir.path(QStringLiteral("signin.agrodesk"));
        test::makeSmallDemo(m_ws);
        auto db = test::connect(m_ws);
        m_farm = test::textOf(db, "SELECT id FROM farms ORDER BY name LIMIT 1");
        // Nobody has a password in the demo: no sign-in.
        QCOMPARE(requiresSignIn(db).value(), false);
        QVERIFY(users::add(db, QStringLiteral("mara"), QStringLiteral("Mara"), kPassword, m_farm,
                           QStringLiteral("manager"))
                    .ok());
        QCOMPARE(requiresSignIn(db).value(), false);
        QVERIFY(users::add(db, QStringLiteral("tom"), {}, kOther, m_farm, QStringLiteral("viewer"))
                    .ok());
        QCOMPARE(requiresSignIn(db).value(), true);
        QVERIFY(setRequiresSignIn(db, false).ok());
        QCOMPARE(requiresSignIn(db).value(), false);
        QVERIFY(setRequiresSignIn(db, true).ok());
    }

    void passwordRules_data() {
        QTest::addColumn<QString>("password");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("short") << QStringLiteral("Tr0ub4dor&3") << false;
        QTest::newRow("passphrase") << QStringLiteral("plum orchard at dawn") << true;
        QTest::newRow("long, lowercase only") << QStringLiteral("hedgerowsandbarley") << true;
        QTest::newRow("common") << QStringLiteral("password1234") << false;
        QTest::newRow("common with spaces")
            << QStringLiteral("Correct Horse Battery Staple") << false;
        QTest::newRow("repeated") << QStringLiteral("aaaaaaaaaaaaaa") << false;
        QTest::newRow("contains the name") << QStringLiteral("mara-likes-barley") << false;
        QTest::newRow("accents count once")
            << QStringLiteral("e\u0301t\u00e9 \u00e0 la ferme") << true;
        QTest::newRow("too long") << QString(300, QLatin1Char('x')) + QLatin1Char('y') << false;
    }
    void passwordRules() {
        QFETCH(QString, password);
        QFETCH(bool, accepted);
        auto r = security::checkNewPassword(password, QStringLiteral("mara"));
        QCOMPARE(r.ok(), accepted);
        if (!accepted) {
            QCOMPARE(r.error().code, ErrorCode::WeakPassword);
            QVERIFY(!r.error().detail.isEmpty());
        }
    }

    void everyStoredHashMeetsTheMinimum() {
        auto db = test::connect(m_ws);
        auto st = db.prepare("SELECT username, password_hash FROM users WHERE password_hash IS "
                             "NOT NULL");
        int n = 0;
        QVERIFY(st->forEachRow([&] {
                      security::ScryptParams p;
                      QVERIFY2(security::parseParams(st->text(1), &p), qPrintable(st->text(0)));
                      QVERIFY(p.log2N >= 17 && p.r >= 8 && p.p >= 1);
                      // salt$key: a 16-byte salt
                      const QStringList parts = st->text(1).split(QLatin1Char('$'));
                      QCOMPARE(QByteArray::fromBase64(parts.value(4).toLatin1()).size(), 16);
                      ++n;
                  }).ok());
        QCOMPARE(n, 2);
    }

    void weakerHashIsUpgradedAtSignIn() {
        auto db = test::connect(m_ws);
        security::ScryptParams weak;
        weak.log2N = 14;
        auto old = security::hashPassword(kOther, weak);
        QVERIFY(old.ok());
        {
            auto st = db.prepare("UPDATE users SET password_hash = ? WHERE username = 'tom'");
            st->bind(1, old.value());
            QVERIFY(st->run().ok());
        }
        const QDateTime now = QDateTime::currentDateTimeUtc();
        auto r = signIn(db, QStringLiteral("tom"), kOther, now);
        QVERIFY2(r.ok(), test::why(r).constData());
        QVERIFY(r->rehashed);
        security::ScryptParams p;
        QVERIFY(security::parseParams(
            test::textOf(db, "SELECT password_hash FROM users WHERE username = 'tom'"), &p));
        QCOMPARE(p.log2N, 17);
        QCOMPARE(security::Sessions::current(m_ws)->username, QStringLiteral("tom"));
        // Signing in again does not rehash.
        auto again = signIn(db, QStringLiteral("tom"), kOther, now.addSecs(1));
        QVERIFY(again.ok());
        QVERIFY(!again->rehashed);
        security::Sessions::signOut(m_ws);
    }

    void wrongPasswordsBackOffAndAreAudited() {
        auto db = test::connect(m_ws);
        const auto count = [&](const char *action) {
            auto st = db.prepare("SELECT count(*) FROM audit_log WHERE action = ? AND entity_id "
                                 "= 'mara'");
            st->bind(1, QString::fromLatin1(action));
            (void)st->step();
            return st->int64(0);
        };
        const QDateTime t0(QDate(2026, 11, 24), QTime(9, 0), Qt::UTC);
        for (int i = 0; i < 3; ++i) {
            auto r = signIn(db, QStringLiteral("mara"), QStringLiteral("not her password"),
                            t0.addMSecs(i));
            QCOMPARE(r.error().code, ErrorCode::SignInFailed);
        }
        QCOMPARE(count("signin.failed"), 3);
        // Three free failures; then 1 s after the last, even for the right password.
        QCOMPARE(signInWaitMs(db, QStringLiteral("mara"), t0.addMSecs(2)).value(), 1000);
        auto throttled = signIn(db, QStringLiteral("mara"), kPassword, t0.addMSecs(500));
        QCOMPARE(throttled.error().code, ErrorCode::SignInThrottled);
        QCOMPARE(count("signin.throttled"), 1);
        // A fourth wrong one after the wait doubles it.
        auto fourth =
            signIn(db, QStringLiteral("mara"), QStringLiteral("still not it"), t0.addMSecs(1100));
        QCOMPARE(fourth.error().code, ErrorCode::SignInFailed);
        QCOMPARE(signInWaitMs(db, QStringLiteral("mara"), t0.addMSecs(1100)).value(), 2000);
        QCOMPARE(signIn(db, QStringLiteral("mara"), kPassword, t0.addMSecs(2000)).error().code,
                 ErrorCode::SignInThrottled);
        // Someone else is not held up.
        QVERIFY(signIn(db, QStringLiteral("tom"), kOther, t0.addMSecs(2000)).ok());
        // After the wait the right password works, and the count starts again.
        auto ok = signIn(db, QStringLiteral("mara"), kPassword, t0.addMSecs(3200));
        QVERIFY2(ok.ok(), test::why(ok).constData());
        QCOMPARE(signInWaitMs(db, QStringLiteral("mara"), t0.addMSecs(3300)).value(), 0);
        QCOMPARE(count("signin.failed"), 4);
        QCOMPARE(count("signin"), 1);
        // An unknown name gets the same answer as a wrong password, and is audited.
        QCOMPARE(signIn(db, QStringLiteral("nobody"), kPassword, t0.addSecs(10)).error().code,
                 ErrorCode::SignInFailed);
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM audit_log WHERE action = "
                                 "'signin.failed' AND entity_id = 'nobody'"),
                 1);
        security::Sessions::signOut(m_ws);
    }

    void actingAsSomeoneElseIsRefused() {
        auto db = test::connect(m_ws);
        const QString sensor = test::textOf(db, "SELECT id FROM sensors ORDER BY id LIMIT 1");
        auto owner = actorByUsername(db, QStringLiteral("demo.owner"));
        QVERIFY(owner.ok());
        security::Sessions::signIn(m_ws, {test::textOf(db, "SELECT id FROM users WHERE "
                                                           "username = 'tom'"),
                                          QStringLiteral("tom")});
        const QString before = test::textOf(db, "SELECT max(seq) FROM change_log");
        // Tom (a viewer) is signed in; a call naming the owner as actor is refused, and so is
        // one naming Tom himself, whose role may not change limits.
        auto r = setSensorLimits(db, owner.value(), sensor, 1, 30, 5);
        QCOMPARE(r.error().code, ErrorCode::PermissionDenied);
        QVERIFY2(r.error().detail.contains(QStringLiteral("tom is signed in")),
                 qPrintable(r.error().detail));
        auto tom = actorByUsername(db, QStringLiteral("tom"));
        QVERIFY(tom.ok());
        QCOMPARE(setSensorLimits(db, tom.value(), sensor, 1, 30, 5).error().code,
                 ErrorCode::PermissionDenied);
        QCOMPARE(test::textOf(db, "SELECT max(seq) FROM change_log"), before);
        security::Sessions::signOut(m_ws);
    }

    void cliRequiresSignInWhenTheWorkspaceDoes() {
        QString o, e;
        QTextStream out(&o), err(&e);
        const QStringList info = {QStringLiteral("agrodesk-cli"), QStringLiteral("info"),
                                  QStringLiteral("--workspace"), m_ws};
        QVERIFY(commands::runCli(info, out, err) != 0);
        err.flush();
        QVERIFY2(e.contains(QStringLiteral("requires sign-in")), qPrintable(e));
        qputenv("AGRODESK_PASSWORD", kPassword.toUtf8());
        QCOMPARE(commands::runCli(
                     info + QStringList{QStringLiteral("--as"), QStringLiteral("mara")}, out, err),
                 0);
        qunsetenv("AGRODESK_PASSWORD");
        security::Sessions::signOut(m_ws);
    }

    void thePlainPasswordIsNowhere() {
        // Everything AgroDesk wrote: the workspace (and its WAL), a backup, an export of every
        // kind, the audit log's export, and an app settings file.
        const QString backup = m_dir.path(QStringLiteral("secret-search.bak"));
        QVERIFY(store::Backup::take(m_ws, backup).ok());
        qputenv("AGRODESK_PASSWORD", kPassword.toUtf8());
        for (const char *kind : {"sales", "products", "costs", "harvests", "readings"}) {
            QString o, e;
            QTextStream out(&o), err(&e);
            QCOMPARE(
                commands::runCli(
                    {QStringLiteral("agrodesk-cli"), QStringLiteral("export"), QLatin1String(kind),
                     QStringLiteral("--workspace"), m_ws, QStringLiteral("--out"),
                     m_dir.path(QStringLiteral("export-%1.csv").arg(QLatin1String(kind))),
                     QStringLiteral("--as"), QStringLiteral("mara")},
                    out, err),
                0);
        }
        qunsetenv("AGRODESK_PASSWORD");
        security::Sessions::signOut(m_ws);
        {
            QSettings s(m_dir.path(QStringLiteral("app.ini")), QSettings::IniFormat);
            s.setValue(QStringLiteral("recent"), m_ws);
        }
        int files = 0;
        QDirIterator it(m_dir.path(QString()), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString f = it.next();
            const QByteArray bytes = test::readFile(f);
            ++files;
            for (const QString &secret : {kPassword, kOther}) {
                QVERIFY2(!bytes.contains(secret.toUtf8()), qPrintable(f));
                QVERIFY2(!bytes.contains(secret.toUtf8().toBase64()), qPrintable(f));
            }
        }
        QVERIFY(files >= 8);
    }
};

QTEST_GUILESS_MAIN(TestSignIn)
#include "tst_signin.moc"

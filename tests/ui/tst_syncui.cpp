// Sync in the desktop app against a real server process: signing in from Sync Settings runs a
// round and the status bar says so; the Conflicts view shows an overwritten value beside the
// winner with who and from which device, and Restore makes it current again as a new edit
// that the next sync sends; the UI thread keeps answering while a round runs.

#include "appsettings.h"
#include "conflictsdialog.h"
#include "io/importer.h"
#include "mainwindow.h"
#include "serverprocess.h"
#include "store/mutator.h"
#include "store/workspace.h"
#include "sync/syncclient.h"
#include "synccontroller.h"
#include "syncsettingsdialog.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

using namespace agro;
using namespace agro::ui;

namespace {
const QByteArray kPassword = "correct horse battery staple";

void edit(const QString &ws, const std::function<Result<void>(store::Mutator &)> &work) {
    auto db = test::connect(ws);
    auto m = store::Mutator::begin(db);
    QVERIFY(m.ok());
    QVERIFY(work(m.value()).ok());
    QVERIFY(m->commit().ok());
}
} // namespace

class TestSyncUi : public QObject {
    Q_OBJECT
    test::Scratch m_dir;
    std::unique_ptr<test::ServerProcess> m_server;
    QString m_wsA, m_wsB, m_field;

    Result<sync::RoundReport> syncAs(const QString &ws, const QString &user) {
        sync::SyncClient client(ws);
        sync::ServerLink link{QUrl(m_server->url()), {}, {}};
        auto login = test::runTask(client.login(link, user, QString::fromLatin1(kPassword)));
        if (!login.ok())
            return login.error();
        link.token = login->token;
        return test::runTask(client.syncRound(link, {}));
    }

    static void shoot(QWidget *w, const char *name) {
        if (const QString dir = qEnvironmentVariable("AGRODESK_SCREENSHOT_DIR"); !dir.isEmpty())
            w->grab().save(dir + QLatin1Char('/') + QLatin1String(name));
    }

private Q_SLOTS:
    void initTestCase() {
        m_server = std::make_unique<test::ServerProcess>(m_dir.path(QStringLiteral("server.db")));
        for (const char *name : {"ana", "ben"})
            QCOMPARE(m_server->admin({QStringLiteral("user"), QStringLiteral("add"),
                                      QLatin1String(name), QStringLiteral("--password-stdin")},
                                     kPassword + '\n'),
                     0);
        QVERIFY2(m_server->start(), qPrintable(m_server->log()));
        // Ana's workspace is the small demo; Ben starts empty and is given Ana's farms.
        m_wsA = m_dir.path(QStringLiteral("a.agrodesk"));
        test::makeSmallDemo(m_wsA);
        auto a = syncAs(m_wsA, QStringLiteral("ana"));
        QVERIFY2(a.ok(), test::why(a).constData());
        auto db = test::connect(m_wsA);
        auto farms = db.prepare("SELECT id FROM farms");
        QStringList ids;
        (void)farms->forEachRow([&] { ids << farms->text(0); });
        farms = store::Statement();
        for (const QString &farm : ids)
            QCOMPARE(m_server->admin({QStringLiteral("user"), QStringLiteral("grant"),
                                      QStringLiteral("ben"), QStringLiteral("--farm"), farm,
                                      QStringLiteral("--role"), QStringLiteral("manager")}),
                     0);
        m_field = test::textOf(db, "SELECT id FROM fields ORDER BY id LIMIT 1");
        m_wsB = m_dir.path(QStringLiteral("b.agrodesk"));
        QVERIFY(store::Workspace::create(m_wsB).ok());
    }

    void signingInFromSettingsSyncsAndTheUiKeepsAnswering() {
        QSettings qs(m_dir.path(QStringLiteral("ui.ini")), QSettings::IniFormat);
        AppSettings settings(&qs);
        MainWindow window(settings);
        QSignalSpy opened(&window, &MainWindow::workspaceOpened);
        window.openWorkspace(m_wsB);
        QVERIFY(opened.wait(20000));
        window.resize(1280, 800);
        window.show();
        SyncController *sync = window.syncController();
        QTRY_VERIFY(sync->state() == SyncController::State::NotSetUp);

        SyncSettingsDialog dialog(*sync, &window);
        dialog.show();
        dialog.serverEdit()->setText(m_server->url());
        dialog.accountEdit()->setText(QStringLiteral("ben"));
        dialog.passwordEdit()->setText(QString::fromLatin1(kPassword));
        QSignalSpy signedIn(sync, &SyncController::signInFinished);
        QSignalSpy round(sync, &SyncController::roundFinished);
        // Measure the UI thread's longest pause while the first round fills the workspace.
        qint64 longest = 0;
        QElapsedTimer since;
        since.start();
        QTimer tick;
        tick.setInterval(5);
        connect(&tick, &QTimer::timeout, this,
                [&] { longest = std::max(longest, since.restart()); });
        tick.start();
        dialog.signInButton()->click();
        QVERIFY(signedIn.wait(30000));
        QVERIFY2(signedIn.first().at(0).toBool(), qPrintable(signedIn.first().at(1).toString()));
        QVERIFY(dialog.passwordEdit()->text().isEmpty());
        QVERIFY(round.count() > 0 || round.wait(60000));
        tick.stop();
        QVERIFY2(round.first().at(0).toBool(), qPrintable(round.first().at(1).toString()));
        QCOMPARE(sync->state(), SyncController::State::UpToDate);
        QVERIFY(sync->statusText().contains(QStringLiteral("up to date")));
        qInfo("longest pause of the UI thread during the first round: %lld ms", longest);
        shoot(&dialog, "sync-settings.png");
        auto db = test::connect(m_wsB);
        auto dbA = test::connect(m_wsA);
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM fields"),
                 test::intOf(dbA, "SELECT count(*) FROM fields"));
        // The password is nowhere in the workspace or the settings file.
        qs.sync();
        QVERIFY(!test::readFile(m_wsB).contains(kPassword));
        QVERIFY(!test::readFile(m_dir.path(QStringLiteral("ui.ini"))).contains(kPassword));
        // Nor is the session token (it lives in the keychain, or only in memory).
        const QByteArray token = sync->sessionToken().toUtf8();
        QVERIFY(token.size() >= 40);
        for (const QString &file : QStringList{m_wsB, m_wsB + QStringLiteral("-wal"),
                                               m_dir.path(QStringLiteral("ui.ini"))})
            QVERIFY2(!test::readFile(file).contains(token), qPrintable(file));
        QCOMPARE(test::textOf(db, "SELECT value FROM workspace_meta WHERE key = 'sync_user'"),
                 QStringLiteral("ben"));
    }

    void aLostValueIsShownAndCanBeRestored() {
        // Offline, both rename the same field; Ben's is later and wins everywhere.
        edit(m_wsA, [&](store::Mutator &m) {
            return m.update(QStringLiteral("fields"), m_field,
                            {{QStringLiteral("name"), QStringLiteral("Ana's name")}});
        });
        QTest::qWait(5);
        edit(m_wsB, [&](store::Mutator &m) {
            return m.update(QStringLiteral("fields"), m_field,
                            {{QStringLiteral("name"), QStringLiteral("Ben's name")}});
        });
        QVERIFY(syncAs(m_wsA, QStringLiteral("ana")).ok());
        QVERIFY(syncAs(m_wsB, QStringLiteral("ben")).ok());
        QVERIFY(syncAs(m_wsA, QStringLiteral("ana")).ok());
        auto dbA = test::connect(m_wsA);
        QCOMPARE(test::textOf(dbA, QStringLiteral("SELECT name FROM fields WHERE id = '%1'")
                                       .arg(m_field)
                                       .toUtf8()
                                       .constData()),
                 QStringLiteral("Ben's name"));

        ConflictsDialog dialog(m_wsA);
        QSignalSpy loaded(&dialog, &ConflictsDialog::loaded);
        dialog.show();
        QVERIFY(loaded.wait(10000));
        QTableWidget *t = dialog.conflictsTable();
        int row = -1;
        for (int r = 0; r < t->rowCount(); ++r)
            if (t->item(r, 2)->text() == QLatin1String("Ana's name"))
                row = r;
        QVERIFY(row >= 0);
        QCOMPARE(t->item(row, 1)->text(), QStringLiteral("name"));
        QCOMPARE(t->item(row, 5)->text(), QStringLiteral("Ben's name"));
        QVERIFY(t->item(row, 6)->text().startsWith(QStringLiteral("ben · ")));
        QVERIFY(t->item(row, 3)->text().startsWith(QStringLiteral("this computer · ")));
        QVERIFY(dialog.logTable()->rowCount() >= 2);
        t->selectRow(row);
        shoot(&dialog, "sync-conflicts.png");
        QVERIFY(dialog.restoreButton()->isEnabled());
        QSignalSpy reloaded(&dialog, &ConflictsDialog::loaded);
        dialog.restoreButton()->click();
        QVERIFY(reloaded.wait(10000));
        QCOMPARE(test::textOf(dbA, QStringLiteral("SELECT name FROM fields WHERE id = '%1'")
                                       .arg(m_field)
                                       .toUtf8()
                                       .constData()),
                 QStringLiteral("Ana's name"));
        QCOMPARE(
            test::textOf(dbA, "SELECT status FROM sync_conflicts WHERE lost_value = 'Ana''s name'"),
            QStringLiteral("restored"));
        QCOMPARE(sync::SyncClient::pendingCount(m_wsA).value(), 1);
        // The restore is an edit like any other: Ben gets it.
        QVERIFY(syncAs(m_wsA, QStringLiteral("ana")).ok());
        QVERIFY(syncAs(m_wsB, QStringLiteral("ben")).ok());
        auto dbB = test::connect(m_wsB);
        QCOMPARE(test::textOf(dbB, QStringLiteral("SELECT name FROM fields WHERE id = '%1'")
                                       .arg(m_field)
                                       .toUtf8()
                                       .constData()),
                 QStringLiteral("Ana's name"));
    }

    void aLostSaleIsShownAsOneFact() {
        // The same day's sale recorded offline on both laptops: Ana's 5 loses to Ben's later 7
        // and shows as one fact, its key in words, both values beside each other.
        auto dbA = test::connect(m_wsA);
        const QString sku = test::textOf(dbA, "SELECT sku FROM products ORDER BY sku LIMIT 1");
        for (const auto &[ws, quantity] : {std::pair{m_wsA, 5}, std::pair{m_wsB, 7}}) {
            const QString file =
                m_dir.write(QStringLiteral("sale-%1.csv").arg(quantity),
                            QStringLiteral("sku,date,quantity,price\n%1,2031-05-04,%2,2.5\n")
                                .arg(sku)
                                .arg(quantity)
                                .toUtf8());
            auto db = test::connect(ws);
            QVERIFY(io::importCsv(db, io::CsvKind::Sales, file).ok());
            QTest::qWait(5);
        }
        QVERIFY(syncAs(m_wsA, QStringLiteral("ana")).ok());
        QVERIFY(syncAs(m_wsB, QStringLiteral("ben")).ok());
        QVERIFY(syncAs(m_wsA, QStringLiteral("ana")).ok());
        ConflictsDialog dialog(m_wsA);
        QSignalSpy loaded(&dialog, &ConflictsDialog::loaded);
        dialog.resize(1100, 420);
        dialog.show();
        QVERIFY(loaded.wait(10000));
        QTableWidget *t = dialog.conflictsTable();
        int row = -1;
        for (int r = 0; r < t->rowCount(); ++r)
            if (t->item(r, 0)->text().startsWith(QLatin1String("sales_daily")))
                row = r;
        QVERIFY(row >= 0);
        QVERIFY2(t->item(row, 0)->text().contains(QStringLiteral("2031-05-04 · store")),
                 qPrintable(t->item(row, 0)->text()));
        QCOMPARE(t->item(row, 1)->text(), QStringLiteral("(all values)"));
        QVERIFY2(t->item(row, 2)->text().startsWith(QStringLiteral("quantity 5 · price 2.5")),
                 qPrintable(t->item(row, 2)->text()));
        QVERIFY(t->item(row, 5)->text().startsWith(QStringLiteral("quantity 7 · price 2.5")));
        t->selectRow(row);
        QVERIFY(dialog.restoreButton()->isEnabled());
        shoot(&dialog, "sync-conflict-sale.png");
    }

    void backoffDoublesAndIsCapped() {
        QCOMPARE(SyncController::backoffMs(0), SyncController::kIntervalMs);
        QCOMPARE(SyncController::backoffMs(1), 30000);
        QCOMPARE(SyncController::backoffMs(2), 60000);
        QCOMPARE(SyncController::backoffMs(4), 240000);
        QCOMPARE(SyncController::backoffMs(30), 30 * 60 * 1000);
    }
};

QTEST_MAIN(TestSyncUi)
#include "tst_syncui.moc"

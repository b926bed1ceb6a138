#include "commands/cli.h"
#include "domain/farm.h"
#include "store/backup.h"
#include "store/filesystemcheck.h"
#include "store/mutator.h"
#include "store/repository.h"
#include "store/workspace.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <atomic>
#include <thread>

using namespace agro;
using namespace agro::store;

/// Backups (SQLite online backup API), restore, rotation, and the refusal of file systems
/// where SQLite's locking cannot be trusted.
class TestBackup : public QObject {
    Q_OBJECT
    test::Scratch m_dir;

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

    static void addFarm(Connection &db, const QString &name) {
        auto m = Mutator::begin(db);
        QVERIFY2(m.ok(), test::why(m).constData());
        domain::Farm f;
        f.id = m->newId();
        f.name = name;
        QVERIFY(Repository<domain::Farm>::insert(m.value(), f).ok());
        QVERIFY(m->commit().ok());
    }

private Q_SLOTS:
    void hundredBackupsWhileAnotherThreadWrites() {
        const QString ws = m_dir.path(QStringLiteral("busy.agrodesk"));
        test::makeSmallDemo(ws);
        std::atomic<bool> stop{false};
        std::atomic<int> written{0};
        std::thread writer([&] {
            auto db = Workspace::connect(ws);
            if (!db.ok())
                return;
            while (!stop.load()) {
                auto m = Mutator::begin(db.value());
                if (!m.ok())
                    continue;
                domain::Farm f;
                f.id = m->newId();
                f.name = QStringLiteral("Written during backups %1").arg(written.load());
                if (Repository<domain::Farm>::insert(m.value(), f).ok() && m->commit().ok())
                    ++written;
                // A person's pace is far slower; this still lands writes inside most backups.
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
            }
        });
        qint64 previousFarms = 0;
        for (int i = 0; i < 100; ++i) {
            const QString out = m_dir.path(QStringLiteral("busy-%1.bak").arg(i));
            auto taken = Backup::take(ws, out);
            QVERIFY2(taken.ok(), test::why(taken).constData());
            // Checked independently of take(): the file is sound, and each row came with its
            // change-log entries (one snapshot, not pages from different moments).
            auto db = test::connect(out);
            QCOMPARE(test::textOf(db, "PRAGMA integrity_check"), QStringLiteral("ok"));
            const qint64 farms = test::intOf(db, "SELECT count(*) FROM farms");
            QCOMPARE(farms, test::intOf(db, "SELECT count(DISTINCT row_id) FROM change_log "
                                            "WHERE tbl = 'farms'"));
            QVERIFY(farms >= previousFarms);
            previousFarms = farms;
            QVERIFY(!QFile::exists(out + QStringLiteral(".partial")));
        }
        stop = true;
        writer.join();
        QVERIFY2(written.load() > 0, "the writer thread never committed");
        qInfo("100 backups, all integrity_check ok, while %d farms were written", written.load());
    }

    void restoreBringsBackTheBackupsContent() {
        const QString ws = m_dir.path(QStringLiteral("restore.agrodesk"));
        test::makeSmallDemo(ws);
        const QString backup = m_dir.path(QStringLiteral("restore.bak"));
        QVERIFY(Backup::take(ws, backup).ok());
        const QByteArray before = test::contentHash(ws);
        QCOMPARE(test::contentHash(backup), before);
        {
            auto db = test::connect(ws);
            addFarm(db, QStringLiteral("Added after the backup"));
        }
        const QByteArray changed = test::contentHash(ws);
        QVERIFY(changed != before);

        const QString safety = m_dir.path(QStringLiteral("restore.safety.bak"));
        auto restored = Backup::restore(ws, backup, safety);
        QVERIFY2(restored.ok(), test::why(restored).constData());
        QCOMPARE(test::contentHash(ws), before);
        // The content it replaced is kept, and restoring that undoes the restore.
        QCOMPARE(test::contentHash(safety), changed);
        QVERIFY(Backup::restore(ws, safety, {}).ok());
        QCOMPARE(test::contentHash(ws), changed);
        auto db = test::connect(ws);
        QCOMPARE(test::textOf(db, "PRAGMA integrity_check"), QStringLiteral("ok"));
    }

    void previewDescribesTheBackup() {
        const QString ws = m_dir.path(QStringLiteral("preview.agrodesk"));
        test::makeSmallDemo(ws);
        const QString backup = m_dir.path(QStringLiteral("preview.bak"));
        auto taken = Backup::take(ws, backup);
        QVERIFY(taken.ok());
        auto s = Backup::describe(backup);
        QVERIFY(s.ok());
        auto db = test::connect(ws);
        QCOMPARE(s->workspaceId, test::textOf(db, "SELECT value FROM workspace_meta WHERE key = "
                                                  "'workspace_id'"));
        QCOMPARE(s->demoPreset, QStringLiteral("small"));
        QVERIFY(s->takenAt.isValid());
        QVERIFY(qAbs(s->takenAt.secsTo(QDateTime::currentDateTimeUtc())) < 60);
        bool sawSales = false;
        for (const auto &c : s->counts)
            if (c.table == QLatin1String("sales_daily")) {
                sawSales = true;
                QCOMPARE(c.rows, test::intOf(db, "SELECT count(*) FROM sales_daily"));
            }
        QVERIFY(sawSales);
    }

    void refusesWhatIsNotASoundBackup_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("code");
        QTest::newRow("text") << QByteArray("not a database\n") << int(ErrorCode::NotAWorkspace);
        QTest::newRow("empty") << QByteArray() << int(ErrorCode::NotAWorkspace);
    }
    void refusesWhatIsNotASoundBackup() {
        QFETCH(QByteArray, bytes);
        QFETCH(int, code);
        const QString ws = m_dir.path(
            QStringLiteral("refuse-%1.agrodesk").arg(QString::fromLatin1(QTest::currentDataTag())));
        QVERIFY(Workspace::create(ws).ok());
        {
            auto db = test::connect(ws);
            addFarm(db, QStringLiteral("Kept"));
        }
        const QByteArray before = test::contentHash(ws);
        const QString bad = m_dir.write(
            QStringLiteral("bad-%1.bak").arg(QString::fromLatin1(QTest::currentDataTag())), bytes);
        auto r = Backup::restore(ws, bad, m_dir.path(QStringLiteral("unused.bak")));
        QVERIFY(!r.ok());
        QCOMPARE(int(r.error().code), code);
        QCOMPARE(r.error().file, bad);
        QCOMPARE(test::contentHash(ws), before);
        QVERIFY(!QFile::exists(m_dir.path(QStringLiteral("unused.bak"))));
    }

    void refusesABackupFromANewerAgroDesk() {
        const QString ws = m_dir.path(QStringLiteral("newer.agrodesk"));
        QVERIFY(Workspace::create(ws).ok());
        const QString backup = m_dir.path(QStringLiteral("newer.bak"));
        QVERIFY(Backup::take(ws, backup).ok());
        {
            auto db = Connection::open(backup);
            QVERIFY(db.ok());
            QVERIFY(db->exec("PRAGMA user_version = 999").ok());
        }
        auto r = Backup::describe(backup);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::SchemaTooNew);
        QVERIFY(!Backup::restore(ws, backup, {}).ok());
    }

    void rotationKeepsTheNewest() {
        const QString ws = m_dir.path(QStringLiteral("rotate.agrodesk"));
        QVERIFY(Workspace::create(ws).ok());
        const QString folder = BackupRotation::defaultFolder(ws);
        QCOMPARE(folder, m_dir.path(QStringLiteral("rotate-backups")));
        const QDateTime t0(QDate(2026, 11, 1), QTime(8, 0), Qt::UTC);
        for (int i = 0; i < 5; ++i)
            QVERIFY(BackupRotation::takeAndRotate(ws, folder, 3, t0.addSecs(3600 * i)).ok());
        const auto kept = BackupRotation::list(ws, folder);
        QCOMPARE(int(kept.size()), 3);
        QVERIFY(kept.front().endsWith(QStringLiteral("rotate-20261101-100000000.agrodesk-backup")));
        QVERIFY(kept.back().endsWith(QStringLiteral("rotate-20261101-120000000.agrodesk-backup")));
        QVERIFY(!BackupRotation::takeAndRotate(ws, folder, 0, t0).ok());
    }

    void cliBackupAndRestore() {
        const QString ws = m_dir.path(QStringLiteral("cli.agrodesk"));
        test::makeSmallDemo(ws);
        const QByteArray before = test::contentHash(ws);
        const QString backup = m_dir.path(QStringLiteral("cli.bak"));
        QString out;
        QCOMPARE(cli({QStringLiteral("backup"), QStringLiteral("--workspace"), ws,
                      QStringLiteral("--out"), backup},
                     &out),
                 0);
        QVERIFY2(out.contains(QStringLiteral("integrity check: ok")), qPrintable(out));
        QVERIFY(out.contains(QStringLiteral("sales_daily")));
        {
            auto db = test::connect(ws);
            addFarm(db, QStringLiteral("After"));
        }
        QCOMPARE(cli({QStringLiteral("restore"), QStringLiteral("--workspace"), ws,
                      QStringLiteral("--from"), backup},
                     &out),
                 0);
        QVERIFY2(out.contains(QStringLiteral("the previous content is in")), qPrintable(out));
        // Restored content, plus the audit entry that records the restore.
        auto db = test::connect(ws);
        QCOMPARE(test::textOf(db, "SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1"),
                 QStringLiteral("workspace.restore"));
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM farms WHERE name = 'After'"), 0);
        QCOMPARE(cli({QStringLiteral("verify"), QStringLiteral("--workspace"), ws}, &out), 0);
        // Errors name the file and change nothing.
        const QByteArray now = test::contentHash(ws);
        QCOMPARE(cli({QStringLiteral("restore"), QStringLiteral("--workspace"), ws,
                      QStringLiteral("--from"), m_dir.path(QStringLiteral("missing.bak"))},
                     &out),
                 1);
        QVERIFY2(out.contains(QStringLiteral("missing.bak")), qPrintable(out));
        QCOMPARE(test::contentHash(ws), now);
        QCOMPARE(cli({QStringLiteral("backup"), QStringLiteral("--workspace"), ws}, &out), 2);
        QVERIFY(out.contains(QStringLiteral("--out")));
    }

    void fileSystemClassification_data() {
        QTest::addColumn<qulonglong>("magic");
        QTest::addColumn<bool>("acceptable");
        QTest::addColumn<QString>("name");
        QTest::newRow("ext4") << qulonglong(0xEF53) << true << QString();
        QTest::newRow("xfs") << qulonglong(0x58465342) << true << QString();
        QTest::newRow("btrfs") << qulonglong(0x9123683E) << true << QString();
        QTest::newRow("tmpfs") << qulonglong(0x01021994) << true << QString();
        QTest::newRow("overlay") << qulonglong(0x794c7630) << true << QString();
        QTest::newRow("nfs") << qulonglong(0x6969) << false << QStringLiteral("nfs");
        QTest::newRow("cifs") << qulonglong(0xFF534D42) << false << QStringLiteral("cifs");
        QTest::newRow("smb2") << qulonglong(0xFE534D42) << false << QStringLiteral("smb2");
        QTest::newRow("vfat") << qulonglong(0x4d44) << false << QStringLiteral("vfat");
        QTest::newRow("exfat") << qulonglong(0x2011BAB0) << false << QStringLiteral("exfat");
        QTest::newRow("sshfs") << qulonglong(0x65735546) << false << QStringLiteral("fuse");
    }
    void fileSystemClassification() {
        QFETCH(qulonglong, magic);
        QFETCH(bool, acceptable);
        QFETCH(QString, name);
        const FileSystemVerdict v = classifyFileSystem(static_cast<unsigned long>(magic));
        QCOMPARE(v.acceptable, acceptable);
        QCOMPARE(v.typeName, name);
    }

    void localFolderIsAccepted() {
        QVERIFY(checkWorkspaceLocation(m_dir.path(QStringLiteral("new/sub/w.agrodesk"))).ok());
        QVERIFY(checkWorkspaceLocation(m_dir.path(QStringLiteral("w.agrodesk"))).ok());
        Error e = Error::make(ErrorCode::UnsafeLocation, QStringLiteral("file system type nfs"));
        e.file = QStringLiteral("/mnt/share/farm.agrodesk");
        const QString text = errorText(e);
        QVERIFY2(text.contains(QStringLiteral("network")) && text.contains(QStringLiteral("nfs")) &&
                     text.contains(QStringLiteral("/mnt/share/farm.agrodesk")),
                 qPrintable(text));
    }
};

QTEST_GUILESS_MAIN(TestBackup)
#include "tst_backup.moc"

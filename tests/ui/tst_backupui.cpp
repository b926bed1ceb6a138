// Backups in the desktop app: opening a workspace takes the automatic backup; File → Restore
// from Backup previews the backup beside the open workspace (counts that differ in bold), and
// restoring reopens the workspace on the backup's content, keeps the replaced content as a
// backup, and records who restored in the audit log.

#include "appsettings.h"
#include "backupcontroller.h"
#include "domain/farm.h"
#include "mainwindow.h"
#include "restorebackupdialog.h"
#include "store/backup.h"
#include "store/mutator.h"
#include "store/repository.h"
#include "testsupport.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace agro;
using namespace agro::ui;

class TestBackupUi : public QObject {
    Q_OBJECT
    test::Scratch m_dir;

    static RestoreBackupDialog *openDialog() {
        for (QWidget *w : QApplication::topLevelWidgets())
            if (auto *d = qobject_cast<RestoreBackupDialog *>(w); d && d->isVisible())
                return d;
        return nullptr;
    }

private Q_SLOTS:
    void automaticBackupThenPreviewAndRestore() {
        const QString ws = m_dir.path(QStringLiteral("farm.agrodesk"));
        test::makeSmallDemo(ws);
        QSettings qs(m_dir.path(QStringLiteral("settings.ini")), QSettings::IniFormat);
        AppSettings settings(&qs);
        MainWindow window(settings);
        QSignalSpy opened(&window, &MainWindow::workspaceOpened);
        window.resize(1280, 800);
        window.show();
        window.openWorkspace(ws);
        QVERIFY(opened.wait(20000));
        const QString folder = window.backups()->folder();
        QTRY_COMPARE_WITH_TIMEOUT(int(store::BackupRotation::list(ws, folder).size()), 1, 20000);
        const QString backup = store::BackupRotation::list(ws, folder).front();
        // Due once a day: opening again does not take another.
        window.backups()->backUpIfDue();
        QTest::qWait(300);
        QCOMPARE(int(store::BackupRotation::list(ws, folder).size()), 1);

        {
            auto db = test::connect(ws);
            auto m = store::Mutator::begin(db);
            QVERIFY(m.ok());
            domain::Farm f;
            f.id = m->newId();
            f.name = QStringLiteral("Added after the backup");
            QVERIFY(store::Repository<domain::Farm>::insert(m.value(), f).ok());
            QVERIFY(m->commit().ok());
        }
        window.backups()->restoreFile(backup);
        RestoreBackupDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = openDialog()) != nullptr);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->previewLoaded(), 20000);
        QVERIFY2(dialog->warningLabel()->isHidden(), "same workspace: no warning");
        QTableWidget *t = dialog->table();
        QCOMPARE(t->item(0, 0)->text(), QStringLiteral("Farms"));
        QCOMPARE(t->item(0, 1)->text(), QStringLiteral("2"));
        QCOMPARE(t->item(0, 2)->text(), QStringLiteral("3"));
        QVERIFY(t->item(0, 1)->font().bold());
        QVERIFY(!t->item(1, 1)->font().bold());
        QVERIFY(dialog->summaryLabel()->text().contains(QStringLiteral("Demo data")));
        if (const QString dir = qEnvironmentVariable("AGRODESK_SCREENSHOT_DIR"); !dir.isEmpty())
            dialog->grab().save(dir + QStringLiteral("/restore-backup.png"));

        opened.clear();
        dialog->accept();
        QVERIFY(opened.wait(20000));
        auto db = test::connect(ws);
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM farms"), 2);
        QCOMPARE(test::textOf(db, "SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1"),
                 QStringLiteral("workspace.restore"));
        // The acting owner restored it, not "system".
        QVERIFY(test::textOf(db, "SELECT actor FROM audit_log ORDER BY seq DESC LIMIT 1") !=
                QStringLiteral("system"));
        bool safetyKept = false;
        for (const QString &f : QDir(folder).entryList(QDir::Files))
            if (f.contains(QStringLiteral("before-restore"))) {
                safetyKept = true;
                auto kept = test::connect(QDir(folder).filePath(f));
                QCOMPARE(test::intOf(kept, "SELECT count(*) FROM farms"), 3);
            }
        QVERIFY(safetyKept);
    }

    void unreadableBackupSaysWhyAndCannotBeRestored() {
        const QString ws = m_dir.path(QStringLiteral("other.agrodesk"));
        test::makeSmallDemo(ws);
        const QString junk = m_dir.write(QStringLiteral("junk.agrodesk-backup"), "junk");
        RestoreBackupDialog dialog(ws, QStringLiteral("x"), junk);
        dialog.show();
        QTRY_VERIFY_WITH_TIMEOUT(
            dialog.summaryLabel()->text().contains(QStringLiteral("cannot be restored")), 20000);
        QVERIFY(dialog.summaryLabel()->text().contains(QStringLiteral("junk.agrodesk-backup")));
        auto *buttons = dialog.findChild<QDialogButtonBox *>();
        for (QAbstractButton *b : buttons->buttons())
            if (buttons->buttonRole(b) == QDialogButtonBox::AcceptRole)
                QVERIFY(!b->isEnabled());
    }
};

QTEST_MAIN(TestBackupUi)
#include "tst_backupui.moc"

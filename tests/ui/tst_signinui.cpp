// Sign-in and lock in the desktop app: a workspace with more than one password asks who is
// using it before any page shows; a wrong password is refused with a message; Ctrl+L covers
// every window, an unsaved cost entry form included, and unlocking gives the form back exactly
// as it was. Locks, unlocks and sign-ins are in the audit log.

#include "alertspage.h"
#include "appsettings.h"
#include "costentrydialog.h"
#include "lockveil.h"
#include "mainwindow.h"
#include "recordspage.h"
#include "security/sessions.h"
#include "services/userservice.h"
#include "sessioncontroller.h"
#include "signindialog.h"
#include "testsupport.h"

#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

using namespace agro;
using namespace agro::ui;

namespace {
const QString kPassword = QStringLiteral("geese over the wheat");

void shoot(QWidget *w, const char *name) {
    if (const QString dir = qEnvironmentVariable("AGRODESK_SCREENSHOT_DIR"); !dir.isEmpty())
        w->grab().save(dir + QLatin1Char('/') + QLatin1String(name));
}

bool coveredByVeil(QWidget *w) {
    for (LockVeil *v : w->findChildren<LockVeil *>(Qt::FindDirectChildrenOnly))
        if (v->isVisible() && v->geometry() == w->rect())
            return true;
    return false;
}
} // namespace

class TestSignInUi : public QObject {
    Q_OBJECT
    test::Scratch m_dir;
    QString m_ws;

    static bool signIn(SignInDialog *d, const QString &password) {
        QSignalSpy done(d, &SignInDialog::attemptFinished);
        d->passwordEdit()->setText(password);
        d->signInButton()->click();
        if (!done.wait(20000))
            return false;
        return done.front().at(0).toBool();
    }

private Q_SLOTS:
    void initTestCase() {
        m_ws = m_dir.path(QStringLiteral("team.agrodesk"));
        test::makeSmallDemo(m_ws);
        auto db = test::connect(m_ws);
        const QString farm = test::textOf(db, "SELECT id FROM farms ORDER BY name LIMIT 1");
        QVERIFY(services::users::add(db, QStringLiteral("nina"), QStringLiteral("Nina Ortiz"),
                                     kPassword, farm, QStringLiteral("manager"))
                    .ok());
        QVERIFY(services::users::add(db, QStringLiteral("omar"), {},
                                     QStringLiteral("rows of young maize"), farm,
                                     QStringLiteral("viewer"))
                    .ok());
    }

    void signInThenLockKeepsTheUnsavedForm() {
        QSettings qs(m_dir.path(QStringLiteral("ui.ini")), QSettings::IniFormat);
        AppSettings settings(&qs);
        MainWindow window(settings);
        window.resize(1280, 800);
        window.show();
        QSignalSpy opened(&window, &MainWindow::workspaceOpened);
        window.openWorkspace(m_ws);
        SessionController *session = window.session();
        QTRY_VERIFY_WITH_TIMEOUT(session->dialog() != nullptr, 20000);
        QVERIFY(coveredByVeil(&window));
        QCOMPARE(opened.count(), 0); // no page loads before someone signs in
        SignInDialog *dialog = session->dialog();
        QCOMPARE(dialog->userBox()->count(), 2);
        dialog->userBox()->setCurrentText(QStringLiteral("nina"));
        shoot(&window, "signin.png");
        shoot(dialog, "signin-dialog.png");

        QVERIFY(!signIn(dialog, QStringLiteral("not the password")));
        QVERIFY2(dialog->message().contains(QStringLiteral("Wrong")),
                 qPrintable(dialog->message()));
        QVERIFY(dialog->passwordEdit()->text().isEmpty());
        QVERIFY(signIn(dialog, kPassword));
        QVERIFY(opened.count() == 1 || opened.wait(20000));
        QVERIFY(!coveredByVeil(&window));
        QCOMPARE(session->who()->username, QStringLiteral("nina"));
        QCOMPARE(security::Sessions::current(m_ws)->username, QStringLiteral("nina"));

        // An unsaved cost entry form.
        CostEntryDialog *form = window.records()->newCost();
        QVERIFY(form);
        QTRY_VERIFY(form->isVisible());
        form->amountBox()->setValue(1234.5);
        form->descriptionBox()->setText(QStringLiteral("Seed invoice, not saved yet"));
        const QDate date(2026, 3, 14);
        form->dateBox()->setDate(date);

        session->lock();
        QTRY_VERIFY(session->dialog() != nullptr);
        QVERIFY(session->isLocked());
        QVERIFY(coveredByVeil(&window));
        QVERIFY(coveredByVeil(form));
        QVERIFY(form->isVisible()); // covered, not closed
        QVERIFY(!session->dialog()->userBox()->isEnabled());
        QCOMPARE(session->dialog()->userBox()->currentText(), QStringLiteral("nina"));
        shoot(&window, "locked.png");

        QVERIFY(!signIn(session->dialog(), QStringLiteral("guess one")));
        shoot(session->dialog(), "unlock-dialog.png");
        QVERIFY(session->isLocked());
        QVERIFY(signIn(session->dialog(), kPassword));
        QTRY_VERIFY(!session->isLocked());
        QVERIFY(!coveredByVeil(form));
        QVERIFY(form->isVisible());
        QCOMPARE(form->amountBox()->value(), 1234.5);
        QCOMPARE(form->descriptionBox()->text(), QStringLiteral("Seed invoice, not saved yet"));
        QCOMPARE(form->dateBox()->date(), date);
        form->close();

        // The unlock is recorded in the background.
        auto db = test::connect(m_ws);
        const auto recorded = [&](const char *action) {
            auto st = db.prepare("SELECT count(*) FROM audit_log WHERE action = ?");
            st->bind(1, QString::fromLatin1(action));
            return st->step().value() && st->int64(0) >= 1;
        };
        for (const char *action : {"signin", "signin.failed", "app.lock", "app.unlock"})
            QTRY_VERIFY2(recorded(action), action);
        security::Sessions::signOut(m_ws);
    }

    void aViewerFindsEditingDisabled() {
        QSettings qs(m_dir.path(QStringLiteral("viewer.ini")), QSettings::IniFormat);
        AppSettings settings(&qs);
        MainWindow window(settings);
        window.resize(1280, 800);
        window.show();
        QSignalSpy opened(&window, &MainWindow::workspaceOpened);
        window.openWorkspace(m_ws);
        QTRY_VERIFY_WITH_TIMEOUT(window.session()->dialog() != nullptr, 20000);
        window.session()->dialog()->userBox()->setCurrentText(QStringLiteral("omar"));
        QVERIFY(signIn(window.session()->dialog(), QStringLiteral("rows of young maize")));
        QVERIFY(opened.count() == 1 || opened.wait(20000));
        const auto button = [&](QWidget *page, const QString &text) -> QPushButton * {
            for (QPushButton *b : page->findChildren<QPushButton *>())
                if (b->text() == text)
                    return b;
            return nullptr;
        };
        QWidget *records = window.records();
        for (const char *text : {"&New…", "&Edit…", "&Delete"}) {
            QPushButton *b = button(records, QString::fromUtf8(text));
            QVERIFY2(b, text);
            QTRY_VERIFY2(!b->isEnabled(), text);
        }
        QPushButton *detect = button(window.alerts(), QStringLiteral("Run &detectors"));
        QVERIFY(detect);
        QTRY_VERIFY(!detect->isEnabled());
        bool importFound = false;
        for (QAction *a : window.findChildren<QAction *>())
            if (a->text() == QStringLiteral("&Import CSV…")) {
                importFound = true;
                QTRY_VERIFY(!a->isEnabled());
            }
        QVERIFY(importFound);
        shoot(&window, "viewer.png");
        security::Sessions::signOut(m_ws);
    }
};

QTEST_MAIN(TestSignInUi)
#include "tst_signinui.moc"

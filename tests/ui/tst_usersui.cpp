// Settings → Users and Settings → Audit Log: an owner adds a person (a weak password is
// refused with the rule, nothing saved), gives them a role on a second farm and turns on
// "require sign-in"; a viewer sees the same list with every management button disabled and is
// refused the audit log; the owner filters the audit log, exports it as CSV (audited) and
// verifies the hash chain.

#include "addpersondialog.h"
#include "auditdialog.h"
#include "newworkspacedialog.h"
#include "security/sessions.h"
#include "testsupport.h"
#include "usersdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace agro;
using namespace agro::ui;

namespace {
void shoot(QWidget *w, const char *name) {
    if (const QString dir = qEnvironmentVariable("AGRODESK_SCREENSHOT_DIR"); !dir.isEmpty())
        w->grab().save(dir + QLatin1Char('/') + QLatin1String(name));
}
int rowOf(QTableWidget *t, const QString &user) {
    for (int i = 0; i < t->rowCount(); ++i)
        if (t->item(i, 0)->text() == user)
            return i;
    return -1;
}
} // namespace

class TestUsersUi : public QObject {
    Q_OBJECT
    test::Scratch m_dir;
    QString m_ws;

    QString userId(const char *name) {
        auto db = test::connect(m_ws);
        auto st = db.prepare("SELECT id FROM users WHERE username = ?");
        st->bind(1, QString::fromLatin1(name));
        return st->step().value() ? st->text(0) : QString();
    }

private Q_SLOTS:
    void initTestCase() {
        m_ws = m_dir.path(QStringLiteral("people.agrodesk"));
        test::makeSmallDemo(m_ws);
        security::Sessions::signIn(m_ws, {userId("demo.owner"), QStringLiteral("demo.owner")});
    }

    void ownerManagesPeople() {
        UsersDialog dialog(m_ws);
        QSignalSpy loaded(&dialog, &UsersDialog::loaded);
        dialog.show();
        QVERIFY(loaded.wait(10000));
        QCOMPARE(dialog.table()->rowCount(), 6);
        QVERIFY(dialog.requireSignInBox()->isEnabled());
        QVERIFY(!dialog.requireSignInBox()->isChecked());
        QVERIFY(dialog.addButton()->isEnabled());

        dialog.addButton()->click();
        AddPersonDialog *add = nullptr;
        QTRY_VERIFY((add = dialog.findChild<AddPersonDialog *>()) != nullptr);
        add->usernameEdit()->setText(QStringLiteral("rosa"));
        add->displayNameEdit()->setText(QStringLiteral("Rosa Lind"));
        add->passwordEdit()->setText(QStringLiteral("password1234"));
        add->repeatEdit()->setText(QStringLiteral("password1234"));
        add->roleBox()->setCurrentIndex(add->roleBox()->findData(QStringLiteral("inspector")));
        QSignalSpy attempt(add, &AddPersonDialog::attemptFinished);
        add->addButton()->click();
        QVERIFY(attempt.wait(10000));
        QCOMPARE(attempt.takeFirst().at(0).toBool(), false);
        QVERIFY2(add->message().contains(QStringLiteral("too easy")), qPrintable(add->message()));
        QVERIFY(userId("rosa").isEmpty());
        shoot(add, "add-person.png");

        add->passwordEdit()->setText(QStringLiteral("blackbirds sing at five"));
        add->repeatEdit()->setText(QStringLiteral("blackbirds sing at five"));
        loaded.clear();
        add->addButton()->click();
        QVERIFY(attempt.wait(10000));
        QCOMPARE(attempt.takeFirst().at(0).toBool(), true);
        QVERIFY(loaded.count() > 0 || loaded.wait(10000));
        QCOMPARE(dialog.table()->rowCount(), 7);
        const int rosa = rowOf(dialog.table(), QStringLiteral("rosa"));
        QVERIFY(rosa >= 0);
        QVERIFY(dialog.table()->item(rosa, 2)->text().startsWith(QStringLiteral("inspector on")));

        // A role on the second farm.
        dialog.table()->selectRow(rosa);
        auto db = test::connect(m_ws);
        const QString second = test::textOf(db, "SELECT id FROM farms ORDER BY name DESC LIMIT 1");
        loaded.clear();
        dialog.setRole(second, QStringLiteral("agronomist"));
        QVERIFY(loaded.wait(10000));
        QVERIFY2(dialog.table()
                     ->item(rowOf(dialog.table(), QStringLiteral("rosa")), 2)
                     ->text()
                     .contains(QStringLiteral("agronomist on")),
                 qPrintable(dialog.statusLabel()->text()));

        loaded.clear();
        dialog.requireSignInBox()->click();
        QVERIFY(loaded.wait(10000));
        QVERIFY(dialog.requireSignInBox()->isChecked());
        shoot(&dialog, "users.png");
        QCOMPARE(test::textOf(db, "SELECT value FROM workspace_meta WHERE key = 'require_signin'"),
                 QStringLiteral("1"));
        for (const char *action : {"user.add", "role.grant", "settings.change"}) {
            auto st = db.prepare("SELECT a.count FROM (SELECT count(*) AS count FROM audit_log "
                                 "WHERE action = ? AND actor = ?) a");
            st->bind(1, QString::fromLatin1(action));
            st->bind(2, userId("demo.owner"));
            QVERIFY(st->step().value());
            QVERIFY2(st->int64(0) >= 1, action);
        }
    }

    void ownerReadsFiltersExportsAndVerifiesTheAuditLog() {
        AuditDialog dialog(m_ws);
        QSignalSpy loaded(&dialog, &AuditDialog::loaded);
        dialog.show();
        QVERIFY(loaded.wait(10000));
        const int all = dialog.table()->rowCount();
        QVERIFY(all >= 3);
        QTRY_VERIFY(dialog.actionBox()->findData(QStringLiteral("user.add")) >= 0);
        loaded.clear();
        dialog.actionBox()->setCurrentIndex(
            dialog.actionBox()->findData(QStringLiteral("role.grant")));
        QVERIFY(loaded.wait(10000));
        QVERIFY(dialog.table()->rowCount() >= 1 && dialog.table()->rowCount() < all);
        for (int i = 0; i < dialog.table()->rowCount(); ++i) {
            QCOMPARE(dialog.table()->item(i, 2)->text(), QStringLiteral("role.grant"));
            QCOMPARE(dialog.table()->item(i, 1)->text(), QStringLiteral("demo.owner"));
        }
        shoot(&dialog, "audit.png");

        const QString csv = m_dir.path(QStringLiteral("audit.csv"));
        QSignalSpy exported(&dialog, &AuditDialog::exported);
        dialog.exportTo(csv);
        QVERIFY(exported.wait(10000));
        QVERIFY(exported.front().at(0).toBool());
        const QList<QByteArray> lines = test::readFile(csv).trimmed().split('\n');
        QCOMPARE(lines.front(), QByteArray("seq,at,actor_id,actor,action,entity,entity_id,detail"));
        QCOMPARE(lines.size() - 1, dialog.table()->rowCount());
        auto db = test::connect(m_ws);
        QCOMPARE(test::textOf(db, "SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1"),
                 QStringLiteral("export.audit"));

        QSignalSpy verified(&dialog, &AuditDialog::verified);
        dialog.verifyChain();
        QVERIFY(verified.wait(10000));
        QVERIFY2(verified.front().at(0).toBool(), qPrintable(dialog.statusLabel()->text()));
    }

    void newWorkspaceStartsWithItsOwnerAndFarm() {
        NewWorkspaceDialog dialog(m_dir.path(QString()));
        const QString path = m_dir.path(QStringLiteral("fresh.agrodesk"));
        dialog.fileEdit()->setText(path);
        dialog.farmEdit()->setText(QStringLiteral("Brookside"));
        dialog.currencyBox()->setCurrentText(QStringLiteral("chf"));
        dialog.usernameEdit()->setText(QStringLiteral("ines"));
        dialog.displayNameEdit()->setText(QStringLiteral("Ines Berg"));
        dialog.passwordEdit()->setText(QStringLiteral("ines2026!"));
        dialog.repeatEdit()->setText(QStringLiteral("ines2026!"));
        QSignalSpy attempt(&dialog, &NewWorkspaceDialog::attemptFinished);
        dialog.createButton()->click();
        QVERIFY(attempt.wait(10000));
        QCOMPARE(attempt.takeFirst().at(0).toBool(), false);
        QVERIFY2(dialog.message().contains(QStringLiteral("too easy")),
                 qPrintable(dialog.message()));
        QVERIFY(!QFile::exists(path)); // refused: no file left behind
        shoot(&dialog, "new-workspace.png");

        dialog.passwordEdit()->setText(QStringLiteral("larks above the barley"));
        dialog.repeatEdit()->setText(QStringLiteral("larks above the barley"));
        QSignalSpy created(&dialog, &NewWorkspaceDialog::created);
        dialog.createButton()->click();
        QVERIFY(attempt.wait(10000));
        QVERIFY2(attempt.takeFirst().at(0).toBool(), qPrintable(dialog.message()));
        QCOMPARE(created.count(), 1);
        auto db = test::connect(path);
        QCOMPARE(test::textOf(db, "SELECT name || ' ' || currency FROM farms"),
                 QStringLiteral("Brookside CHF"));
        QCOMPARE(test::textOf(db, "SELECT u.username || ' ' || m.role FROM users u JOIN "
                                  "memberships m ON m.user_id = u.id"),
                 QStringLiteral("ines owner"));
        QVERIFY(test::textOf(db, "SELECT password_hash FROM users")
                    .startsWith(QStringLiteral("scrypt$17$8$1$")));
        // Its changes are in the change log like every edit (so sync carries them).
        QVERIFY(test::intOf(db, "SELECT count(*) FROM change_log WHERE tbl = 'farms'") > 0);
    }

    void viewerSeesButCannotManage() {
        security::Sessions::signIn(m_ws, {userId("demo.viewer"), QStringLiteral("demo.viewer")});
        UsersDialog users(m_ws);
        QSignalSpy loaded(&users, &UsersDialog::loaded);
        QVERIFY(loaded.wait(10000));
        QVERIFY(!users.addButton()->isEnabled());
        QVERIFY(!users.requireSignInBox()->isEnabled());
        QVERIFY(users.statusLabel()->text().contains(QStringLiteral("Only an owner")));

        AuditDialog audit(m_ws);
        QSignalSpy auditLoaded(&audit, &AuditDialog::loaded);
        QVERIFY(auditLoaded.wait(10000));
        QCOMPARE(audit.table()->rowCount(), 0);
        QVERIFY2(audit.statusLabel()->text().contains(QStringLiteral("Not allowed")),
                 qPrintable(audit.statusLabel()->text()));
        security::Sessions::signIn(m_ws, {userId("demo.owner"), QStringLiteral("demo.owner")});
    }
};

QTEST_MAIN(TestUsersUi)
#include "tst_usersui.moc"

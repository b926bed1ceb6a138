#include "appsettings.h"
#include "testsupport.h"

#include <QTest>

using namespace agro::ui;

class TestAppSettings : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void recentListIsDedupedAndBounded() {
        agro::test::Scratch dir;
        QSettings qs(dir.path(QStringLiteral("s.ini")), QSettings::IniFormat);
        AppSettings s(&qs);
        QVERIFY(s.recentWorkspaces().isEmpty());
        for (int i = 0; i < 12; ++i)
            s.addRecentWorkspace(dir.path(QStringLiteral("w%1.agrodesk").arg(i)));
        QCOMPARE(s.recentWorkspaces().size(), AppSettings::kMaxRecent);
        QVERIFY(s.recentWorkspaces().front().endsWith(QLatin1String("w11.agrodesk")));
        s.addRecentWorkspace(dir.path(QStringLiteral("w5.agrodesk")));
        QVERIFY(s.recentWorkspaces().front().endsWith(QLatin1String("w5.agrodesk")));
        QCOMPARE(s.recentWorkspaces().count(s.recentWorkspaces().front()), 1);
        s.removeRecentWorkspace(dir.path(QStringLiteral("w5.agrodesk")));
        QVERIFY(!s.recentWorkspaces().front().endsWith(QLatin1String("w5.agrodesk")));
    }
    void defaultsAndPersistence() {
        agro::test::Scratch dir;
        const QString file = dir.path(QStringLiteral("p.ini"));
        {
            QSettings qs(file, QSettings::IniFormat);
            AppSettings s(&qs);
            QCOMPARE(s.dashboardPeriod(), 1); // last 30 days
            s.setDashboardPeriod(3);
        }
        QSettings qs(file, QSettings::IniFormat);
        QCOMPARE(AppSettings(&qs).dashboardPeriod(), 3);
    }
};

QTEST_GUILESS_MAIN(TestAppSettings)
#include "tst_appsettings.moc"

#include "sync/hlc.h"
#include "sync/uuid7.h"

#include <QSet>
#include <QTest>

using namespace agro::sync;

class TestSyncIds : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void uuidFormatAndOrder() {
        std::int64_t now = 1'700'000'000'000;
        Uuid7Generator g([&] { return now; }, 42);
        QString prev;
        QSet<QString> seen;
        for (int i = 0; i < 10000; ++i) {
            if (i % 1000 == 0)
                ++now;
            const QString id = g.next();
            QVERIFY2(Uuid7Generator::isValid(id), qPrintable(id));
            QVERIFY2(prev < id, qPrintable(prev + QStringLiteral(" !< ") + id));
            QVERIFY(!seen.contains(id));
            seen.insert(id);
            prev = id;
        }
    }
    void uuidEmbedsTime() {
        Uuid7Generator g([] { return std::int64_t(0x0123456789ab); }, 1);
        QVERIFY(g.next().startsWith(QStringLiteral("01234567-89ab-7")));
    }
    void uuidSeedIsDeterministic() {
        Uuid7Generator a([] { return std::int64_t(5); }, 99), b([] { return std::int64_t(5); }, 99);
        for (int i = 0; i < 100; ++i)
            QCOMPARE(a.next(), b.next());
    }
    void uuidRejectsOtherVersions() {
        QVERIFY(!Uuid7Generator::isValid(QStringLiteral("123e4567-e89b-42d3-a456-426614174000")));
        QVERIFY(!Uuid7Generator::isValid(QStringLiteral("not-a-uuid")));
    }
    void hlcMonotonicWhenClockStandsStillOrGoesBack() {
        std::int64_t wall = 1000;
        HlcClock c([&] { return wall; });
        Hlc a = c.tick();
        Hlc b = c.tick();
        QVERIFY(a < b);
        QCOMPARE(b.physicalMs, 1000);
        wall = 500; // clock stepped back
        Hlc d = c.tick();
        QVERIFY(b < d);
        QCOMPARE(d.physicalMs, 1000);
        wall = 2000;
        Hlc e = c.tick();
        QCOMPARE(e.physicalMs, 2000);
        QCOMPARE(int(e.counter), 0);
    }
    void hlcObserveMovesPastRemote() {
        HlcClock c([] { return std::int64_t(1000); });
        const Hlc remote{5000, 7};
        const Hlc after = c.observe(remote);
        QVERIFY(remote < after);
        QVERIFY(c.tick() > after);
    }
    void hlcPackRoundTrip() {
        const Hlc h{1'700'000'000'123, 65535};
        QCOMPARE(Hlc::unpack(h.packed()), h);
        QVERIFY((Hlc{10, 1}.packed() < Hlc{10, 2}.packed()));
        QVERIFY((Hlc{10, 65535}.packed() < Hlc{11, 0}.packed()));
    }
    void hlcCounterOverflowBorrowsNextMillisecond() {
        HlcClock c([] { return std::int64_t(1); }, Hlc{1, 65535});
        const Hlc h = c.tick();
        QCOMPARE(h.physicalMs, 2);
        QCOMPARE(int(h.counter), 0);
    }
};

QTEST_GUILESS_MAIN(TestSyncIds)
#include "tst_syncids.moc"

// The sync wire format (core/sync/changecodec): typed values survive a round trip exactly
// (integers past 2^53, reals, text, blobs, null), and malformed entries are refused naming the
// entry and field.

#include "sync/changecodec.h"
#include "testsupport.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>

using namespace agro;

class TestSyncCodec : public QObject {
    Q_OBJECT

    static QJsonObject valid() {
        return {{"t", "fields"},
                {"r", "01935e00-0000-7000-8000-000000000002"},
                {"c", "name"},
                {"v", "North"},
                {"h", "117671830323535872"},
                {"n", "a1b2"},
                {"f", "01935e00-0000-7000-8000-000000000003"}};
    }

private Q_SLOTS:
    void theSeedMessagesDecode() {
        QFile f(QStringLiteral(AGRODESK_SYNC_SEEDS_DIR "/push.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        auto changes = sync::decodeChanges(QJsonDocument::fromJson(f.readAll())["changes"]);
        QVERIFY2(changes.ok(), test::why(changes).constData());
        QCOMPARE(changes->size(), size_t(5));
        QCOMPARE(changes->at(1).value.typeId(), QMetaType::Double);
        QCOMPARE(changes->at(1).base.node, QStringLiteral("ff"));
        QCOMPARE(changes->at(2).value.typeId(), QMetaType::LongLong);
        QCOMPARE(changes->at(2).seq, 42);
        QCOMPARE(changes->at(3).value.typeId(), QMetaType::QByteArray);
        QVERIFY(changes->at(4).value.isNull());
        QVERIFY(changes->at(4).farmId.isEmpty());
    }

    void valuesRoundTripWithTheirTypes() {
        sync::Change c;
        c.table = QStringLiteral("products");
        c.rowId = QStringLiteral("01935e00-0000-7000-8000-000000000004");
        c.column = QStringLiteral("lead_time_days");
        c.version = {(std::int64_t(1795530396387) << 16) | 3, QStringLiteral("abc")};
        c.farmId = QStringLiteral("01935e00-0000-7000-8000-000000000003");
        const QList<QVariant> values = {QVariant(qlonglong(9007199254740993)), QVariant(0.1),
                                        QVariant(QStringLiteral("ünïcode \"q\"")),
                                        QVariant(QByteArray("\x00\xff", 2)), QVariant()};
        for (const QVariant &v : values) {
            c.value = v;
            auto back = sync::decodeChanges(QJsonArray{sync::encodeChange(c)});
            QVERIFY2(back.ok(), test::why(back).constData());
            QCOMPARE(back->at(0).value.typeId(), v.typeId());
            QCOMPARE(back->at(0).value, v);
            QCOMPARE(back->at(0).version, c.version);
        }
    }

    void malformedEntriesAreRefused_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown table") << "t" << QJsonValue("users") << "changes[0].t";
        QTest::newRow("injected column")
            << "c" << QJsonValue("name; DROP TABLE farms") << "changes[0].c";
        QTest::newRow("local key") << "c" << QJsonValue("lid") << "changes[0].c";
        QTest::newRow("row id") << "r" << QJsonValue("42") << "changes[0].r";
        QTest::newRow("clock as number") << "h" << QJsonValue(1.5) << "changes[0].h";
        QTest::newRow("negative clock") << "h" << QJsonValue("-4") << "changes[0].h";
        QTest::newRow("node") << "n" << QJsonValue("ZZ top") << "changes[0].n";
        QTest::newRow("farm") << "f" << QJsonValue("farm 1") << "changes[0].f";
        QTest::newRow("value array") << "v" << QJsonValue(QJsonArray{1}) << "changes[0].v";
        QTest::newRow("integer text")
            << "v" << QJsonValue(QJsonObject{{"i", "12x"}}) << "changes[0].v";
        QTest::newRow("base64") << "v" << QJsonValue(QJsonObject{{"b", "*"}}) << "changes[0].v";
    }
    void malformedEntriesAreRefused() {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QFETCH(QString, message);
        QJsonObject o = valid();
        o.insert(key, value);
        auto r = sync::decodeChanges(QJsonArray{o});
        QVERIFY(!r.ok());
        QVERIFY2(r.error().detail.startsWith(message), qPrintable(r.error().detail));
        QVERIFY(sync::decodeChanges(QJsonArray{valid()}).ok());
    }

    void oversizedMessagesAreRefused() {
        QJsonArray many;
        for (int i = 0; i < 11; ++i)
            many.append(valid());
        QVERIFY(!sync::decodeChanges(many, 10).ok());
        QVERIFY(!sync::decodeChanges(QJsonObject()).ok());
    }
};

QTEST_GUILESS_MAIN(TestSyncCodec)
#include "tst_synccodec.moc"

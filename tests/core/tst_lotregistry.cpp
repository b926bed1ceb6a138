#include "services/lotregistry.h"
#include "store/auditlog.h"
#include "testsupport.h"

#include <QTest>

using namespace agro;
using namespace agro::services;

/// Registering lots: what a person types at intake, checked field by field; a refusal writes
/// nothing; a lot from a planting carries its mass.
class TestLotRegistry : public QObject {
    Q_OBJECT
    test::Scratch m_dir;
    QString m_path;
    QString m_product, m_farm, m_otherFarmPlanting, m_planting;
    int m_shelfLife = 0;

    Actor actor(const char *username) {
        auto db = test::connect(m_path);
        auto a = actorByUsername(db, QString::fromLatin1(username));
        return a.ok() ? a.value() : Actor{};
    }
    NewLot valid() const {
        NewLot l;
        l.productId = m_product;
        l.batchNumber = QStringLiteral("B-2026-0001");
        l.producedOn = QDate(2026, 9, 1);
        l.quantity = 40;
        l.supplier = QStringLiteral("Meadow Fresh");
        return l;
    }

private Q_SLOTS:
    void initTestCase() {
        m_path = m_dir.path(QStringLiteral("lots.agrodesk"));
        test::makeSmallDemo(m_path);
        auto db = test::connect(m_path);
        m_product = test::textOf(db, "SELECT id FROM products WHERE shelf_life_days IS NOT NULL "
                                     "ORDER BY lid LIMIT 1");
        m_farm = test::textOf(db, QStringLiteral("SELECT farm_id FROM products WHERE id = '%1'")
                                      .arg(m_product)
                                      .toUtf8()
                                      .constData());
        m_shelfLife = int(
            test::intOf(db, QStringLiteral("SELECT shelf_life_days FROM products WHERE id = '%1'")
                                .arg(m_product)
                                .toUtf8()
                                .constData()));
        m_planting = test::textOf(db, QStringLiteral("SELECT id FROM plantings WHERE farm_id = "
                                                     "'%1' ORDER BY lid LIMIT 1")
                                          .arg(m_farm)
                                          .toUtf8()
                                          .constData());
        m_otherFarmPlanting =
            test::textOf(db, QStringLiteral("SELECT id FROM plantings WHERE "
                                            "farm_id <> '%1' ORDER BY lid LIMIT 1")
                                 .arg(m_farm)
                                 .toUtf8()
                                 .constData());
        QVERIFY(!m_product.isEmpty() && !m_planting.isEmpty() && !m_otherFarmPlanting.isEmpty());
        QVERIFY(m_shelfLife > 0);
    }

    void choicesListProductsAndPlantings() {
        auto db = test::connect(m_path);
        auto c = lotChoices(db);
        QVERIFY2(c.ok(), test::why(c).constData());
        QCOMPARE(qint64(c->products.size()), test::intOf(db, "SELECT count(*) FROM products"));
        QCOMPARE(qint64(c->plantings.size()), test::intOf(db, "SELECT count(*) FROM plantings"));
        // Newest season first: the first planting is of the latest season.
        QCOMPARE(c->plantings.front().label.section(QStringLiteral(" · "), 2),
                 test::textOf(db, "SELECT name FROM seasons ORDER BY starts_on DESC LIMIT 1"));
    }

    void refusalsNameTheFieldAndWriteNothing_data() {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("field");
        QTest::newRow("no product") << "product"
                                    << "product";
        QTest::newRow("blank batch") << "batch"
                                     << "batch";
        QTest::newRow("long batch") << "longbatch"
                                    << "batch";
        QTest::newRow("no production date") << "produced"
                                            << "produced_on";
        QTest::newRow("expires before produced") << "expires"
                                                 << "expires_on";
        QTest::newRow("zero quantity") << "quantity"
                                       << "quantity";
        QTest::newRow("no supplier") << "supplier"
                                     << "supplier";
        QTest::newRow("planting elsewhere") << "otherfarm"
                                            << "planting";
        QTest::newRow("unknown planting") << "noplanting"
                                          << "planting";
        QTest::newRow("planting without mass") << "nomass"
                                               << "quantity_kg";
        QTest::newRow("negative mass") << "negmass"
                                       << "quantity_kg";
        QTest::newRow("batch used") << "duplicate"
                                    << "batch";
    }
    void refusalsNameTheFieldAndWriteNothing() {
        QFETCH(QString, change);
        QFETCH(QString, field);
        NewLot l = valid();
        l.batchNumber = QStringLiteral("REFUSED-1");
        QString existingBatch;
        {
            auto db = test::connect(m_path);
            existingBatch = test::textOf(db, QStringLiteral("SELECT batch_number FROM lots WHERE "
                                                            "product_id = '%1' LIMIT 1")
                                                 .arg(m_product)
                                                 .toUtf8()
                                                 .constData());
        }
        if (change == QLatin1String("product"))
            l.productId = QStringLiteral("no-such-product");
        else if (change == QLatin1String("batch"))
            l.batchNumber = QStringLiteral("   ");
        else if (change == QLatin1String("longbatch"))
            l.batchNumber = QString(65, QLatin1Char('x'));
        else if (change == QLatin1String("produced"))
            l.producedOn = QDate();
        else if (change == QLatin1String("expires"))
            l.expiresOn = l.producedOn.addDays(-1);
        else if (change == QLatin1String("quantity"))
            l.quantity = 0;
        else if (change == QLatin1String("supplier"))
            l.supplier = QStringLiteral("  ");
        else if (change == QLatin1String("otherfarm")) {
            l.plantingId = m_otherFarmPlanting;
            l.quantityKg = 100;
        } else if (change == QLatin1String("noplanting")) {
            l.plantingId = QStringLiteral("no-such-planting");
            l.quantityKg = 100;
        } else if (change == QLatin1String("nomass"))
            l.plantingId = m_planting;
        else if (change == QLatin1String("negmass"))
            l.quantityKg = -1;
        else if (change == QLatin1String("duplicate")) {
            QVERIFY(!existingBatch.isEmpty());
            l.batchNumber = existingBatch;
        }
        const QByteArray before = test::contentHash(m_path);
        auto db = test::connect(m_path);
        auto r = registerLot(db, actor("demo.inspector1"), l);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(r.error().field, field);
        QCOMPARE(test::contentHash(m_path), before);
    }

    void onlyOwnersManagersAndInspectorsRegister_data() {
        QTest::addColumn<QString>("user");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("owner") << "demo.owner" << true;
        QTest::newRow("manager") << "demo.manager" << true;
        QTest::newRow("inspector") << "demo.inspector2" << true;
        QTest::newRow("agronomist") << "demo.agronomist" << false;
        QTest::newRow("viewer") << "demo.viewer" << false;
    }
    void onlyOwnersManagersAndInspectorsRegister() {
        QFETCH(QString, user);
        QFETCH(bool, allowed);
        NewLot l = valid();
        l.batchNumber = QStringLiteral("ROLE-") + user;
        const QByteArray before = test::dataHash(m_path);
        auto db = test::connect(m_path);
        auto r = registerLot(db, actor(user.toLatin1().constData()), l);
        QCOMPARE(r.ok(), allowed);
        if (!allowed) {
            QCOMPARE(r.error().code, ErrorCode::PermissionDenied);
            QCOMPARE(test::dataHash(m_path), before);
        }
    }

    void aBoughtLotIsStoredAvailableWithItsShelfLife() {
        auto db = test::connect(m_path);
        const qint64 audit = test::intOf(db, "SELECT count(*) FROM audit_log");
        NewLot l = valid();
        l.batchNumber = QStringLiteral("  B-BOUGHT-7 ");
        auto r = registerLot(db, actor("demo.inspector1"), l);
        QVERIFY2(r.ok(), test::why(r).constData());
        auto st = db.prepare("SELECT batch_number, status, supplier, produced_on, expires_on, "
                             "quantity, planting_id IS NULL, quantity_kg IS NULL, farm_id FROM "
                             "lots WHERE id = ?1");
        st->bind(1, r.value());
        QVERIFY(st->step().value());
        QCOMPARE(st->text(0), QStringLiteral("B-BOUGHT-7"));
        QCOMPARE(st->text(1), QStringLiteral("available"));
        QCOMPARE(st->text(2), QStringLiteral("Meadow Fresh"));
        QCOMPARE(st->text(3), QStringLiteral("2026-09-01"));
        // No expiry given: produced + the product's shelf life.
        QCOMPARE(st->text(4), QDate(2026, 9, 1).addDays(m_shelfLife).toString(Qt::ISODate));
        QCOMPARE(st->real(5), 40.0);
        QCOMPARE(st->int64(6), qint64(1));
        QCOMPARE(st->int64(7), qint64(1));
        QCOMPARE(st->text(8), m_farm);
        st = db.prepare("SELECT 1");
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM audit_log"), audit + 1);
        QCOMPARE(test::textOf(db, "SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1"),
                 QStringLiteral("qc.lot"));
        QVERIFY(store::AuditLog::verify(db)->ok());
        // It syncs: the insert is in the change log.
        QVERIFY(test::intOf(db, QStringLiteral("SELECT count(*) FROM change_log WHERE row_id = "
                                               "'%1'")
                                    .arg(r.value())
                                    .toUtf8()
                                    .constData()) > 0);
    }

    void aLotFromAPlantingCarriesItsMass() {
        auto db = test::connect(m_path);
        NewLot l = valid();
        l.batchNumber = QStringLiteral("OWN-1");
        l.supplier.clear();
        l.plantingId = m_planting;
        l.quantityKg = 180;
        l.expiresOn = QDate(2026, 9, 10);
        auto r = registerLot(db, actor("demo.manager"), l);
        QVERIFY2(r.ok(), test::why(r).constData());
        auto st = db.prepare("SELECT supplier, planting_id, quantity_kg, expires_on FROM lots "
                             "WHERE id = ?1");
        st->bind(1, r.value());
        QVERIFY(st->step().value());
        QCOMPARE(st->text(0), QStringLiteral("Own harvest"));
        QCOMPARE(st->text(1), m_planting);
        QCOMPARE(st->real(2), 180.0);
        QCOMPARE(st->text(3), QStringLiteral("2026-09-10"));
    }
};

QTEST_GUILESS_MAIN(TestLotRegistry)
#include "tst_lotregistry.moc"

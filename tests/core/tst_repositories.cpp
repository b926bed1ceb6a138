#include "store/repository.h"
#include "store/workspace.h"
#include "testsupport.h"

#include <QTest>
#include <QTimeZone>

using namespace agro;
using namespace agro::domain;
using namespace agro::store;

/// Inserts, reads back, updates and deletes one entity of every type, checking that what
/// comes back equals what went in and that the change log saw each write.
class TestRepositories : public QObject {
    Q_OBJECT

    test::Scratch m_dir;
    QString m_path;
    std::optional<Connection> m_db;

    template<class T> void roundTrip(T value, std::function<void(T &)> edit) {
        const qint64 logBefore = test::intOf(*m_db, "SELECT count(*) FROM change_log");
        {
            auto m = Mutator::begin(*m_db);
            QVERIFY(m.ok());
            auto r = Repository<T>::insert(m.value(), value);
            QVERIFY2(r.ok(), agro::test::why(r).constData());
            QVERIFY(m->commit().ok());
        }
        auto back = Repository<T>::get(*m_db, value.id);
        QVERIFY(back.ok());
        QVERIFY(back->has_value());
        QVERIFY2(**back == value, qPrintable(Codec<T>::table()));
        const qint64 logAfterInsert = test::intOf(*m_db, "SELECT count(*) FROM change_log");
        QCOMPARE(logAfterInsert - logBefore, qint64(Codec<T>::columns().size()));

        T changed = value;
        edit(changed);
        {
            auto m = Mutator::begin(*m_db);
            QVERIFY(Repository<T>::update(m.value(), changed).ok());
            QVERIFY(m->commit().ok());
        }
        auto again = Repository<T>::get(*m_db, value.id);
        QVERIFY(again.ok() && again->has_value());
        QVERIFY(**again == changed);
        // Only the edited column is logged: field-level merge needs nothing more.
        QCOMPARE(test::intOf(*m_db, "SELECT count(*) FROM change_log") - logAfterInsert, 1);

        {
            auto m = Mutator::begin(*m_db);
            QVERIFY(Repository<T>::remove(m.value(), value.id).ok());
            QVERIFY(m->commit().ok());
        }
        auto gone = Repository<T>::get(*m_db, value.id);
        QVERIFY(gone.ok() && !gone->has_value());
        auto st = m_db->prepare("SELECT count(*) FROM change_log WHERE row_id = ? AND col = "
                                "'_deleted'");
        st->bind(1, value.id);
        QVERIFY(st->step().value());
        QCOMPARE(st->int64(0), 1);
        // Put it back for entities that depend on it.
        auto m = Mutator::begin(*m_db);
        QVERIFY(Repository<T>::insert(m.value(), value).ok());
        QVERIFY(m->commit().ok());
    }

    QString newId() {
        static sync::Uuid7Generator g = sync::Uuid7Generator::system();
        return g.next();
    }

private Q_SLOTS:
    void initTestCase() {
        m_path = m_dir.path(QStringLiteral("repo.agrodesk"));
        QVERIFY(Workspace::create(m_path).ok());
        m_db.emplace(test::connect(m_path));
    }
    void cleanupTestCase() { m_db.reset(); }

    void everyEntity() {
        Farm farm{newId(),
                  QStringLiteral("Test Farm"),
                  QStringLiteral("CHF"),
                  QStringLiteral("ac"),
                  QStringLiteral("lb"),
                  46.9,
                  std::nullopt};
        roundTrip<Farm>(farm, [](Farm &f) { f.name = QStringLiteral("Renamed"); });
        farm.name = QStringLiteral("Test Farm");

        Field field{newId(), farm.id,     QStringLiteral("North"), 12.5, QStringLiteral("loam"),
                    6.8,     std::nullopt};
        roundTrip<Field>(field, [](Field &f) { f.soilNitrogenKgHa = 140; });

        Crop crop{newId(), QString(), QStringLiteral("Maize"), 10};
        roundTrip<Crop>(crop, [](Crop &c) { c.baseTempC = 8; });

        Season season{newId(), farm.id, QStringLiteral("2025"), QDate(2025, 3, 1),
                      QDate(2025, 10, 31)};
        roundTrip<Season>(season, [](Season &s) { s.endsOn = QDate(2025, 11, 15); });

        Planting planting{newId(), farm.id, field.id, crop.id,           season.id,
                          11.0,    9500,    0.21,     QDate(2025, 4, 20)};
        roundTrip<Planting>(planting, [](Planting &p) { p.expectedYieldKgHa = 9000; });

        CostEntry cost{newId(),
                       farm.id,
                       planting.id,
                       CostCategory::Fertilizer,
                       1234.5,
                       QStringLiteral("CHF"),
                       QDate(2025, 4, 1),
                       QStringLiteral("area"),
                       QStringLiteral("NPK, \"quoted\"")};
        roundTrip<CostEntry>(cost, [](CostEntry &c) { c.category = CostCategory::Labor; });

        CostEntry farmLevel{newId(),
                            farm.id,
                            QString(),
                            CostCategory::Other,
                            500,
                            QStringLiteral("CHF"),
                            QDate(2025, 5, 1),
                            QStringLiteral("shares"),
                            QString()};
        roundTrip<CostEntry>(farmLevel, [](CostEntry &c) { c.amount = 550; });

        CostShare share{newId(), farm.id, farmLevel.id, planting.id, 0.25};
        roundTrip<CostShare>(share, [](CostShare &c) { c.share = 0.75; });

        Harvest harvest{newId(), farm.id, planting.id,         QDate(2025, 9, 30),
                        98000,   2100,    QStringLiteral("t"), QStringLiteral("A")};
        roundTrip<Harvest>(harvest, [](Harvest &h) { h.grade = QStringLiteral("B"); });

        ProductCategory cat{newId(), QString(), QStringLiteral("Dairy"), QStringLiteral("dairy"),
                            QStringLiteral("{\"fields\":[]}")};
        roundTrip<ProductCategory>(cat,
                                   [](ProductCategory &c) { c.kind = QStringLiteral("other"); });

        Product product{newId(),
                        farm.id,
                        QStringLiteral("SKU-1"),
                        QStringLiteral("Milk 1 l"),
                        cat.id,
                        QStringLiteral("l"),
                        1.2,
                        0.7,
                        3,
                        25,
                        0.2,
                        12,
                        24,
                        10,
                        true};
        roundTrip<Product>(product, [](Product &p) { p.active = false; });

        Lot lot{newId(),
                farm.id,
                product.id,
                QStringLiteral("L-1"),
                QDate(2025, 6, 1),
                QDate(2025, 6, 11),
                120,
                QStringLiteral("held"),
                QStringLiteral("Alpine"),
                QString(),
                60.0};
        // The mass going from known to unknown is stored as NULL, not 0.
        roundTrip<Lot>(lot, [](Lot &l) { l.quantityKg.reset(); });

        Inspection ins{newId(),
                       farm.id,
                       lot.id,
                       cat.id,
                       1,
                       QStringLiteral("inspector"),
                       QDateTime(QDate(2025, 6, 2), QTime(9, 30), QTimeZone::utc()),
                       QStringLiteral("{\"temperature_c\":3.1}"),
                       QStringLiteral("pass"),
                       QStringLiteral("all limits met"),
                       QString()};
        roundTrip<Inspection>(ins, [](Inspection &i) { i.disposition = QStringLiteral("hold"); });

        Sensor sensor{newId(),
                      farm.id,
                      field.id,
                      QStringLiteral("SM-1"),
                      QStringLiteral("soil_moisture"),
                      QStringLiteral("%"),
                      15.0,
                      42.0,
                      900};
        roundTrip<Sensor>(sensor, [](Sensor &s) { s.highThreshold = std::nullopt; });

        Alert alert{newId(),
                    farm.id,
                    QStringLiteral("sensor"),
                    QStringLiteral("flatline"),
                    QStringLiteral("warning"),
                    QStringLiteral("open"),
                    sensor.id,
                    QStringLiteral("SM-1 stuck"),
                    QStringLiteral("{}"),
                    QDateTime(QDate(2025, 6, 3), QTime(10, 0), QTimeZone::utc())};
        roundTrip<Alert>(alert, [](Alert &a) { a.status = QStringLiteral("resolved"); });

        User user{newId(), QStringLiteral("ana"), QStringLiteral("Ana"), QString(), false};
        roundTrip<User>(user, [](User &u) { u.disabled = true; });

        Membership ms{newId(), user.id, farm.id, QStringLiteral("manager")};
        roundTrip<Membership>(ms, [](Membership &m) { m.role = QStringLiteral("viewer"); });
    }

    void selectWithCondition() {
        auto farms = Repository<Farm>::select(*m_db, QStringLiteral("name = ?"),
                                              {QStringLiteral("Test Farm")});
        QVERIFY(farms.ok());
        QCOMPARE(farms->size(), size_t(1));
    }

    void updateOfMissingRowIsNotFound() {
        auto m = Mutator::begin(*m_db);
        Farm ghost;
        ghost.id = newId();
        ghost.name = QStringLiteral("Ghost");
        auto r = Repository<Farm>::update(m.value(), ghost);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::NotFound);
    }

    void schemaRulesAreEnforced() {
        auto m = Mutator::begin(*m_db);
        Field bad;
        bad.id = newId();
        bad.farmId = QStringLiteral("01900000-0000-7000-8000-00000000dead");
        bad.name = QStringLiteral("X");
        auto r = Repository<Field>::insert(m.value(), bad); // farm does not exist
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Constraint);
    }
};

QTEST_GUILESS_MAIN(TestRepositories)
#include "tst_repositories.moc"

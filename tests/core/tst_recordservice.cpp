#include "services/recordservice.h"
#include "store/repository.h"
#include "testsupport.h"

#include <QFile>
#include <QTest>

using namespace agro;
using namespace agro::domain;
using namespace agro::services;

/// Record edits through the service layer: validation against the workspace (nothing written
/// when refused), updates, guarded deletes, copying a season's plan.
class TestRecordService : public QObject {
    Q_OBJECT
    test::Scratch m_dir;
    QString m_path;
    QString m_farm, m_otherFarm, m_field, m_otherField, m_crop, m_season2026, m_season2025;

    static bool hasProblem(const std::vector<FieldError> &ps, const char *field) {
        for (const auto &p : ps)
            if (p.field == QLatin1String(field))
                return true;
        return false;
    }

private Q_SLOTS:
    void initTestCase() {
        m_path = m_dir.path(QStringLiteral("r.agrodesk"));
        test::makeSmallDemo(m_path);
        auto db = test::connect(m_path);
        m_farm = test::textOf(db, "SELECT id FROM farms WHERE name = 'Hillside Farm'");
        m_otherFarm = test::textOf(db, "SELECT id FROM farms WHERE name = 'River Valley Farm'");
        auto st = db.prepare("SELECT id FROM fields WHERE farm_id = ? ORDER BY lid LIMIT 1");
        st->bind(1, m_farm);
        QVERIFY(st->step().value());
        m_field = st->text(0);
        st->reset();
        st->bind(1, m_otherFarm);
        QVERIFY(st->step().value());
        m_otherField = st->text(0);
        st = db.prepare("SELECT 1");
        m_crop = test::textOf(db, "SELECT id FROM crops ORDER BY name LIMIT 1");
        auto season = db.prepare("SELECT id FROM seasons WHERE farm_id = ? AND name = ?");
        season->bind(1, m_farm);
        season->bind(2, QStringLiteral("2026"));
        QVERIFY(season->step().value());
        m_season2026 = season->text(0);
        season->reset();
        season->bind(1, m_farm);
        season->bind(2, QStringLiteral("2025"));
        QVERIFY(season->step().value());
        m_season2025 = season->text(0);
    }

    void plantingIsCheckedAgainstTheWorkspace() {
        auto db = test::connect(m_path);
        const QByteArray before = test::contentHash(m_path);
        const double fieldArea = [&] {
            auto st = db.prepare("SELECT area_ha FROM fields WHERE id = ?");
            st->bind(1, m_field);
            (void)st->step();
            return st->real(0);
        }();
        Planting p{QString(),     m_farm, m_field, m_crop, m_season2026,
                   fieldArea * 2, 5000,   0.2,     QDate()};
        auto tooBig = savePlantingRecord(db, p);
        QVERIFY(tooBig.ok() && !tooBig->saved);
        QVERIFY(hasProblem(tooBig->problems, "plantedAreaHa"));
        p.plantedAreaHa = 1.0;
        p.fieldId = m_otherField; // another farm's field
        auto wrongField = savePlantingRecord(db, p);
        QVERIFY(wrongField.ok() && !wrongField->saved);
        QVERIFY(hasProblem(wrongField->problems, "fieldId"));
        QCOMPARE(test::contentHash(m_path), before);

        p.fieldId = m_field;
        auto ok = savePlantingRecord(db, p);
        QVERIFY2(ok.ok() && ok->saved, test::why(ok).constData());
        Planting saved = *ok->saved;
        saved.expectedYieldKgHa = 5500;
        auto updated = savePlantingRecord(db, saved);
        QVERIFY(updated.ok() && updated->saved);
        auto back = store::Repository<Planting>::get(db, saved.id);
        QCOMPARE((*back)->expectedYieldKgHa, 5500.0);

        // Nothing refers to it yet: it can go.
        auto removed = deletePlantingRecord(db, saved.id);
        QVERIFY(removed.ok());
        QCOMPARE(removed->id, saved.id);
    }

    void plantingWithRecordsCannotBeDeleted() {
        auto db = test::connect(m_path);
        const QString used =
            test::textOf(db, "SELECT planting_id FROM harvests ORDER BY lid LIMIT 1");
        const QByteArray before = test::contentHash(m_path);
        auto r = deletePlantingRecord(db, used);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Constraint);
        QVERIFY(r.error().detail.contains(QLatin1String("harvests")));
        QCOMPARE(test::contentHash(m_path), before);
    }

    void harvestChecks() {
        auto db = test::connect(m_path);
        const QString planting = test::textOf(db, "SELECT id FROM plantings ORDER BY lid LIMIT 1");
        Harvest h{QString(), QString(),           planting,           QDate(2026, 9, 1), 2500,
                  3000,      QStringLiteral("t"), QStringLiteral("A")};
        auto bad = saveHarvestRecord(db, h);
        QVERIFY(bad.ok() && !bad->saved);
        QVERIFY(hasProblem(bad->problems, "rejectedKg"));
        h.rejectedKg = 100;
        auto ok = saveHarvestRecord(db, h);
        QVERIFY(ok.ok() && ok->saved);
        QVERIFY(!ok->saved->farmId.isEmpty()); // taken from the planting
        h.plantingId = QStringLiteral("01900000-0000-7000-8000-00000000beef");
        auto unknown = saveHarvestRecord(db, h);
        QVERIFY(unknown.ok() && !unknown->saved);
        QVERIFY(hasProblem(unknown->problems, "plantingId"));
    }

    void costInAnotherCurrencyIsRefused() {
        auto db = test::connect(m_path);
        CostEntry c;
        c.farmId = m_farm;
        c.category = CostCategory::Labor;
        c.amount = 10;
        c.currency = QStringLiteral("USD");
        c.incurredOn = QDate(2026, 5, 1);
        auto r = saveCostEntry(db, c);
        QVERIFY(r.ok() && !r->saved);
        QVERIFY(hasProblem(r->problems, "currency"));
    }

    void sharesTravelWithTheirCost() {
        const QString ws = m_dir.path(QStringLiteral("shares.agrodesk"));
        QVERIFY(QFile::copy(m_path, ws));
        auto db = test::connect(ws);
        auto plantings = store::Repository<Planting>::select(
            db, QStringLiteral("farm_id = ? AND season_id = ?"), {m_farm, m_season2026});
        QVERIFY(plantings.ok() && plantings->size() >= 2);
        CostEntry c;
        c.farmId = m_farm;
        c.category = CostCategory::Labor;
        c.amount = 900;
        c.currency = QStringLiteral("EUR");
        c.incurredOn = QDate(2026, 6, 1);
        c.allocation = QStringLiteral("shares");
        std::vector<CostShare> shares = {{QString(), QString(), QString(), plantings->at(0).id, 2},
                                         {QString(), QString(), QString(), plantings->at(1).id, 1}};
        auto saved = saveCostEntry(db, c, shares);
        QVERIFY2(saved.ok() && saved->saved, test::why(saved).constData());
        const QString id = saved->saved->id;
        auto stored = store::Repository<CostShare>::select(db, QStringLiteral("cost_id = ?"), {id});
        QCOMPARE(stored->size(), size_t(2));

        // Nobody gets a share: refused, nothing changes.
        const QByteArray before = test::contentHash(ws);
        std::vector<CostShare> zero = {{QString(), QString(), QString(), plantings->at(0).id, 0}};
        auto refused = saveCostEntry(db, *saved->saved, zero);
        QVERIFY(refused.ok() && !refused->saved);
        QVERIFY(hasProblem(refused->problems, "shares"));
        // A planting of another farm: refused.
        auto other = db.prepare("SELECT id FROM plantings WHERE farm_id = ? LIMIT 1");
        other->bind(1, m_otherFarm);
        QVERIFY(other->step().value());
        std::vector<CostShare> foreign = {{QString(), QString(), QString(), other->text(0), 1}};
        other = db.prepare("SELECT 1");
        auto refused2 = saveCostEntry(db, *saved->saved, foreign);
        QVERIFY(refused2.ok() && !refused2->saved);
        QCOMPARE(test::contentHash(ws), before);

        // Switching to the area rule drops the shares, in the same write.
        CostEntry byArea = *saved->saved;
        byArea.allocation = QStringLiteral("area");
        QVERIFY(saveCostEntry(db, byArea).ok());
        stored = store::Repository<CostShare>::select(db, QStringLiteral("cost_id = ?"), {id});
        QCOMPARE(stored->size(), size_t(0));
    }

    void copyAPlanIntoANewSeason() {
        const QString ws = m_dir.path(QStringLiteral("copy.agrodesk"));
        QVERIFY(QFile::copy(m_path, ws));
        auto db = test::connect(ws);
        auto count =
            db.prepare("SELECT count(*) FROM plantings WHERE farm_id = ? AND season_id = ?");
        count->bind(1, m_farm);
        count->bind(2, m_season2026);
        QVERIFY(count->step().value());
        const qint64 n2026 = count->int64(0);
        count = db.prepare("SELECT 1");
        auto copied = copySeasonPlanRecords(db, m_farm, m_season2026, QStringLiteral("2027"));
        QVERIFY2(copied.ok(), test::why(copied).constData());
        QCOMPARE(qint64(copied->size()), n2026);
        auto season = store::Repository<Season>::select(
            db, QStringLiteral("farm_id = ? AND name = '2027'"), {m_farm});
        QVERIFY(season.ok());
        QCOMPARE(season->size(), size_t(1));
        QCOMPARE(season->front().startsOn, QDate(2027, 3, 1));
        QCOMPARE(season->front().endsOn, QDate(2027, 10, 31));
        // Every field is planted now: copying again adds nothing.
        auto again = copySeasonPlanRecords(db, m_farm, m_season2026, QStringLiteral("2027"));
        QVERIFY(again.ok());
        QCOMPARE(again->size(), size_t(0));
        auto same = copySeasonPlanRecords(db, m_farm, m_season2026, QStringLiteral("2026"));
        QVERIFY(!same.ok());
    }
};

QTEST_GUILESS_MAIN(TestRecordService)
#include "tst_recordservice.moc"

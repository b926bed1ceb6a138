#include "services/qcservice.h"
#include "store/auditlog.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTest>

using namespace agro;

/// Inspections through the service on the small demo: the category's form decides, the lot's
/// status follows, overrides need a reason, bad input and the wrong role write nothing, forms
/// are versioned, drafts are kept, the history exports.
class TestQcService : public QObject {
    Q_OBJECT
    test::Scratch m_dir;
    QString m_path;

    services::Actor actor(store::Connection &db, const char *name) {
        auto a = services::actorByUsername(db, QString::fromLatin1(name));
        if (!a.ok())
            qFatal("no user %s", name);
        return a.value();
    }
    /// An available lot of a product in a category of `kind`.
    services::LotInfo lotOf(store::Connection &db, const char *kind) {
        const QString id = test::textOf(
            db, qPrintable(QStringLiteral(
                               "SELECT l.id FROM lots l JOIN products p ON p.id = l.product_id "
                               "JOIN product_categories c ON c.id = p.category_id WHERE c.kind = "
                               "'%1' AND l.status = 'available' AND l.expires_on > '2026-11-01' "
                               "ORDER BY l.lid DESC LIMIT 1")
                               .arg(QLatin1String(kind))));
        auto l = services::lot(db, id);
        if (!l.ok())
            qFatal("no %s lot", kind);
        return l.value();
    }
    QJsonObject dairy(double temperature) {
        return {{QStringLiteral("temperature_c"), temperature},
                {QStringLiteral("expiry_date"), QStringLiteral("2027-01-31")},
                {QStringLiteral("packaging_ok"), true},
                {QStringLiteral("bacterial_cfu_ml"), 900}};
    }
    qint64 inspections(store::Connection &db) {
        return test::intOf(db, "SELECT count(*) FROM qc_inspections");
    }

private Q_SLOTS:
    void initTestCase() {
        m_path = m_dir.path(QStringLiteral("qc.agrodesk"));
        test::makeSmallDemo(m_path);
    }

    void everyBuiltInCategoryHasItsForm() {
        auto db = test::connect(m_path);
        auto forms = services::categoryForms(db);
        QVERIFY(forms.ok());
        int withForm = 0;
        for (const auto &f : forms.value()) {
            if (f.kind == QLatin1String("other"))
                continue;
            QVERIFY(f.stored); // the demo stores version 1
            QCOMPARE(f.version, 1);
            QCOMPARE(f.schema.category, f.kind);
            ++withForm;
        }
        QVERIFY(withForm >= 3);
    }

    void sixDegreesFailsADairyLotAndTakesItOutOfStock() {
        auto db = test::connect(m_path);
        const auto l = lotOf(db, "dairy");
        const QDate today = QDate::currentDate();
        const auto before = services::lotStock(db, l.productId, QDate(2026, 11, 1)).value();
        auto o = services::recordInspection(db, actor(db, "demo.inspector1"),
                                            {l.id, dairy(6.0), {}, {}, {}, {}, {}});
        QVERIFY2(o.ok(), test::why(o));
        QCOMPARE(o->disposition, QStringLiteral("fail"));
        QCOMPARE(o->ruleId, QStringLiteral("dairy-temperature"));
        QCOMPARE(o->ruleMessage, QStringLiteral("Temperature must be 1–4 °C"));
        QCOMPARE(o->lotStatus, QStringLiteral("rejected"));
        QCOMPARE(services::lot(db, l.id)->status, QStringLiteral("rejected"));
        const auto after = services::lotStock(db, l.productId, QDate(2026, 11, 1)).value();
        QCOMPARE(after.sellable, before.sellable - l.quantity);
        QCOMPARE(after.rejected, before.rejected + l.quantity);
        Q_UNUSED(today);
        // Audited, and the row records the rule and the form version.
        QCOMPARE(test::textOf(db, qPrintable(QStringLiteral("SELECT rule_id || '/' || "
                                                            "schema_version FROM qc_inspections "
                                                            "WHERE id = '%1'")
                                                 .arg(o->inspectionId))),
                 QStringLiteral("dairy-temperature/1"));
        QVERIFY(test::intOf(db, "SELECT count(*) FROM audit_log WHERE action = 'qc.inspection'") >=
                1);
        // A later good inspection releases it.
        auto ok = services::recordInspection(db, actor(db, "demo.inspector1"),
                                             {l.id, dairy(3.0), {}, {}, {}, {}, {}});
        QVERIFY2(ok.ok(), test::why(ok));
        QCOMPARE(ok->lotStatus, QStringLiteral("available"));
    }

    void aHeldLotDropsOutOfSellableStock() {
        auto db = test::connect(m_path);
        const auto l = lotOf(db, "produce");
        const auto before = services::lotStock(db, l.productId, QDate(2026, 11, 1)).value();
        const QJsonObject overripe{{QStringLiteral("visual_ok"), true},
                                   {QStringLiteral("ripeness"), QStringLiteral("over")},
                                   {QStringLiteral("residue_tested"), true},
                                   {QStringLiteral("pest_residue_ppm"), 0.01}};
        auto o = services::recordInspection(db, actor(db, "demo.manager"),
                                            {l.id, overripe, {}, {}, {}, {}, {}});
        QVERIFY2(o.ok(), test::why(o));
        QCOMPARE(o->disposition, QStringLiteral("hold"));
        const auto after = services::lotStock(db, l.productId, QDate(2026, 11, 1)).value();
        QCOMPARE(after.sellable, before.sellable - l.quantity);
        QCOMPARE(after.held, before.held + l.quantity);
    }

    void overridesNeedAReason() {
        auto db = test::connect(m_path);
        const auto l = lotOf(db, "dairy");
        const qint64 n = inspections(db);
        auto bare =
            services::recordInspection(db, actor(db, "demo.inspector1"),
                                       {l.id, dairy(4.5), {}, QStringLiteral("pass"), {}, {}, {}});
        QVERIFY(!bare.ok());
        QCOMPARE(bare.error().field, QStringLiteral("override_reason"));
        QCOMPARE(inspections(db), n);
        auto o = services::recordInspection(
            db, actor(db, "demo.inspector1"),
            {l.id,
             dairy(4.5),
             {},
             QStringLiteral("hold"),
             QStringLiteral("Probe read warm after the door was open; re-measure in an hour"),
             {},
             {}});
        QVERIFY2(o.ok(), test::why(o));
        QCOMPARE(o->ruleDisposition, QStringLiteral("fail"));
        QCOMPARE(o->disposition, QStringLiteral("hold"));
        QCOMPARE(o->lotStatus, QStringLiteral("held"));
        QVERIFY(test::textOf(db, qPrintable(QStringLiteral("SELECT decided_by FROM qc_inspections "
                                                           "WHERE id = '%1'")
                                                .arg(o->inspectionId)))
                    .startsWith(QStringLiteral("override by")));
    }

    void badInputAndWrongRolesWriteNothing_data() {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("missing");
        QTest::addColumn<int>("code");
        QTest::newRow("viewer") << "demo.viewer"
                                << "" << int(ErrorCode::PermissionDenied);
        QTest::newRow("agronomist") << "demo.agronomist"
                                    << "" << int(ErrorCode::PermissionDenied);
        QTest::newRow("missing temperature") << "demo.inspector1"
                                             << "temperature_c" << int(ErrorCode::InvalidArgument);
        QTest::newRow("missing expiry") << "demo.inspector1"
                                        << "expiry_date" << int(ErrorCode::InvalidArgument);
    }
    void badInputAndWrongRolesWriteNothing() {
        QFETCH(QString, user);
        QFETCH(QString, missing);
        QFETCH(int, code);
        auto db = test::connect(m_path);
        const auto l = lotOf(db, "dairy");
        const QByteArray before = test::dataHash(m_path);
        QJsonObject v = dairy(3.0);
        if (!missing.isEmpty())
            v.remove(missing);
        auto o = services::recordInspection(db, actor(db, user.toLatin1().constData()),
                                            {l.id, v, {}, {}, {}, {}, {}});
        QVERIFY(!o.ok());
        QCOMPARE(int(o.error().code), code);
        if (!missing.isEmpty())
            QCOMPARE(o.error().field, missing);
        QCOMPARE(test::dataHash(m_path), before);
    }

    void photosAreCopiedIntoTheWorkspace() {
        auto db = test::connect(m_path);
        const auto l = lotOf(db, "dairy");
        // A tiny PNG: signature, then whatever; the service checks the signature, not pixels.
        const QByteArray png = QByteArray("\x89PNG\r\n\x1A\n", 8) + QByteArray(300, 'p');
        const QString file = m_dir.write(QStringLiteral("crate.png"), png);
        QJsonObject v = dairy(3.0);
        v.insert(QStringLiteral("photo"), file);
        auto o = services::recordInspection(db, actor(db, "demo.inspector1"),
                                            {l.id, v, {}, {}, {}, {}, {}});
        QVERIFY2(o.ok(), test::why(o));
        const QString value = test::textOf(
            db, qPrintable(QStringLiteral("SELECT json_extract(values_json, '$.photo') FROM "
                                          "qc_inspections WHERE id = '%1'")
                               .arg(o->inspectionId)));
        const QString photoId = services::photoIdOf(value);
        QVERIFY2(!photoId.isEmpty(), qPrintable(value));
        // The original can go: the workspace keeps the bytes, their hash and the name.
        QVERIFY(QFile::remove(file));
        auto stored = services::storedPhoto(db, photoId);
        QVERIFY2(stored.ok(), test::why(stored));
        QCOMPARE(stored->data, png);
        QCOMPARE(stored->mime, QStringLiteral("image/png"));
        QCOMPARE(stored->fileName, QStringLiteral("crate.png"));
        QCOMPARE(stored->inspectionId, o->inspectionId);
        QCOMPARE(
            stored->sha256,
            QString::fromLatin1(QCryptographicHash::hash(png, QCryptographicHash::Sha256).toHex()));
        // It is synced with the inspection, and evidence is never rewritten.
        QVERIFY(test::intOf(db, qPrintable(QStringLiteral("SELECT count(*) FROM change_log WHERE "
                                                          "tbl = 'qc_photos' AND row_id = '%1'")
                                               .arg(photoId))) > 0);
        QVERIFY(!db.exec("UPDATE qc_photos SET file_name = 'x.png'").ok());
        QVERIFY(!db.exec("DELETE FROM qc_photos").ok());
        // A later inspection may name the stored photo again.
        v.insert(QStringLiteral("photo"), value);
        auto again = services::recordInspection(db, actor(db, "demo.inspector1"),
                                                {l.id, v, {}, {}, {}, {}, {}});
        QVERIFY2(again.ok(), test::why(again));
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM qc_photos"), qint64(1));
    }

    void badPhotosWriteNothing_data() {
        QTest::addColumn<QByteArray>("content"); // empty: no file at all
        QTest::addColumn<QString>("value");      // overrides the path when set
        QTest::addColumn<int>("code");
        QTest::newRow("missing file") << QByteArray() << QString() << int(ErrorCode::Io);
        QTest::newRow("not an image")
            << QByteArray("name,value\n") << QString() << int(ErrorCode::InvalidArgument);
        QTest::newRow("unknown stored photo")
            << QByteArray() << QStringLiteral("qc-photo:0190aaaa-0000-7000-8000-000000000000")
            << int(ErrorCode::NotFound);
    }
    void badPhotosWriteNothing() {
        QFETCH(QByteArray, content);
        QFETCH(QString, value);
        QFETCH(int, code);
        auto db = test::connect(m_path);
        const auto l = lotOf(db, "dairy");
        const QString file = content.isEmpty() ? m_dir.path(QStringLiteral("nowhere.jpg"))
                                               : m_dir.write(QStringLiteral("notes.jpg"), content);
        QJsonObject v = dairy(3.0);
        v.insert(QStringLiteral("photo"), value.isEmpty() ? file : value);
        const QByteArray before = test::contentHash(m_path);
        auto o = services::recordInspection(db, actor(db, "demo.inspector1"),
                                            {l.id, v, {}, {}, {}, {}, {}});
        QVERIFY(!o.ok());
        QCOMPARE(int(o.error().code), code);
        QCOMPARE(o.error().field, QStringLiteral("photo"));
        if (value.isEmpty())
            QCOMPARE(o.error().file, file);
        QCOMPARE(test::contentHash(m_path), before);
    }

    void formsAreVersionedAndOldInspectionsKeepTheirs() {
        auto db = test::connect(m_path);
        const auto l = lotOf(db, "dairy");
        auto form = services::categoryForm(db, l.categoryId);
        QVERIFY(form.ok());
        // A stricter dairy form: 1–3.5 °C.
        qc::Schema stricter = form->schema;
        for (auto &r : stricter.rules)
            if (r.id == QLatin1String("dairy-temperature")) {
                r.when.conditions.front().b = 3.5;
                r.message = QStringLiteral("Temperature must be 1–3.5 °C");
            }
        // A viewer cannot save it; the owner can.
        QVERIFY(!services::saveCategoryForm(db, actor(db, "demo.viewer"), l.categoryId,
                                            qc::schemaToJson(stricter))
                     .ok());
        auto v = services::saveCategoryForm(db, actor(db, "demo.owner"), l.categoryId,
                                            qc::schemaToJson(stricter));
        QVERIFY2(v.ok(), test::why(v));
        QCOMPARE(v.value(), 2);
        // A malformed form is refused with its place, nothing saved.
        auto bad = services::saveCategoryForm(db, actor(db, "demo.owner"), l.categoryId,
                                              "{\"format\": \"agrodesk.qc-schema\"}");
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().code, ErrorCode::BadSchema);
        QCOMPARE(services::categoryForm(db, l.categoryId)->version, 2);
        // 3.8 °C now fails under version 2, and the inspection says so.
        auto o = services::recordInspection(db, actor(db, "demo.inspector1"),
                                            {l.id, dairy(3.8), {}, {}, {}, {}, {}});
        QVERIFY2(o.ok(), test::why(o));
        QCOMPARE(o->disposition, QStringLiteral("fail"));
        QCOMPARE(test::intOf(db, qPrintable(QStringLiteral("SELECT schema_version FROM "
                                                           "qc_inspections WHERE id = '%1'")
                                                .arg(o->inspectionId))),
                 qint64(2));
        // Version 1 is still there for the inspections filled with it.
        auto v1 = services::schemaVersion(db, l.categoryId, 1);
        QVERIFY(v1.ok());
        const qc::Evaluation e = qc::evaluate(v1.value(), dairy(3.8), QDate(2026, 11, 23));
        QCOMPARE(e.disposition, qc::Disposition::Pass);
        QVERIFY(!db.exec("DELETE FROM qc_schema_versions").ok());
    }

    void anAdminAddsACategory() {
        auto db = test::connect(m_path);
        const QByteArray json = R"({"format": "agrodesk.qc-schema", "category": "nuts",
            "title": "Nuts", "version": 1,
            "fields": [{"key": "moisture_pct", "label": "Moisture", "type": "number",
                        "unit": "%", "required": true, "min": 0, "max": 100}],
            "rules": [{"id": "nuts-moisture", "when": {"field": "moisture_pct", "above": 8},
                       "then": "fail", "message": "Moisture above 8 %"}]})";
        auto id =
            services::createCategory(db, actor(db, "demo.owner"), QStringLiteral("Nuts"), json);
        QVERIFY2(id.ok(), test::why(id));
        auto form = services::categoryForm(db, id.value());
        QVERIFY(form.ok());
        QCOMPARE(form->version, 1);
        QCOMPARE(form->schema.rules.front().id, QStringLiteral("nuts-moisture"));
        QVERIFY(!services::createCategory(db, actor(db, "demo.inspector1"), QStringLiteral("Seeds"),
                                          json)
                     .ok());
    }

    void draftsAreKeptUntilRecorded() {
        auto db = test::connect(m_path);
        const auto l = lotOf(db, "dairy");
        services::Draft d{QStringLiteral("draft-1"),
                          l.categoryId,
                          l.id,
                          QStringLiteral("half done"),
                          QJsonObject{{QStringLiteral("temperature_c"), 2.5}},
                          {}};
        QVERIFY(services::saveDraft(db, d).ok());
        d.values.insert(QStringLiteral("packaging_ok"), true);
        QVERIFY(services::saveDraft(db, d).ok()); // replaces, not duplicates
        auto back = services::latestDraft(db);
        QVERIFY(back.ok() && back->has_value());
        QCOMPARE((*back)->values.value(QStringLiteral("packaging_ok")).toBool(), true);
        QCOMPARE((*back)->notes, QStringLiteral("half done"));
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM qc_drafts"), qint64(1));
        auto o = services::recordInspection(db, actor(db, "demo.inspector1"),
                                            {l.id, dairy(2.5), {}, {}, {}, d.id, {}});
        QVERIFY2(o.ok(), test::why(o));
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM qc_drafts"), qint64(0));
    }

    void historyFiltersAndExports() {
        auto db = test::connect(m_path);
        services::InspectionFilter f;
        f.disposition = QStringLiteral("fail");
        auto rows = services::listInspections(db, f);
        QVERIFY(rows.ok() && !rows->empty());
        for (const auto &r : rows.value())
            QCOMPARE(r.disposition, QStringLiteral("fail"));
        const QString file = m_dir.path(QStringLiteral("fails.csv"));
        auto n = services::exportInspections(db, f, file);
        QVERIFY2(n.ok(), test::why(n));
        QCOMPARE(n.value(), qint64(rows->size()));
        QFile in(file);
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = in.readAll().split('\n');
        QVERIFY(lines.front().startsWith("inspected_at,farm,category,lot"));
        QVERIFY(lines.size() >= int(rows->size()) + 1);
    }
};

QTEST_GUILESS_MAIN(TestQcService)
#include "tst_qcservice.moc"

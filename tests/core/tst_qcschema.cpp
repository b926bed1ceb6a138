#include "common/error.h"
#include "qc/qcrules.h"
#include "qc/qcschema.h"

#include <QJsonDocument>
#include <QTest>

using namespace agro;
using namespace agro::qc;

namespace {
template<class R> QByteArray why(const R &r) {
    return r.ok() ? QByteArray() : errorText(r.error()).toUtf8();
}
const QDate kToday(2026, 11, 23);

QJsonObject dairyOk() {
    return {{QStringLiteral("temperature_c"), 2.8},
            {QStringLiteral("expiry_date"), QStringLiteral("2026-12-10")},
            {QStringLiteral("packaging_ok"), true},
            {QStringLiteral("bacterial_cfu_ml"), 800}};
}
QJsonObject produceOk() {
    return {{QStringLiteral("visual_ok"), true},
            {QStringLiteral("ripeness"), QStringLiteral("optimal")},
            {QStringLiteral("residue_tested"), true},
            {QStringLiteral("pest_residue_ppm"), 0.01}};
}
QJsonObject proteinOk() {
    return {{QStringLiteral("temperature_c"), 1.8},
            {QStringLiteral("batch_verified"), true},
            {QStringLiteral("colour_score"), 4},
            {QStringLiteral("texture_score"), 4},
            {QStringLiteral("grade"), QStringLiteral("A")},
            {QStringLiteral("grade_verified"), true}};
}
QJsonObject base(const QString &kind) {
    return kind == QLatin1String("dairy")     ? dairyOk()
           : kind == QLatin1String("produce") ? produceOk()
                                              : proteinOk();
}
} // namespace

/// The QC schema format: the built-in schemas' rules at passing, failing and boundary values,
/// field validation, and a loader that refuses malformed schemas with a located message.
class TestQcSchema : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void builtinsLoad() {
        for (const QString &kind : builtinSchemaKinds()) {
            auto s = builtinSchema(kind);
            QVERIFY2(s.ok(), why(s));
            QCOMPARE(s->category, kind);
            QCOMPARE(s->version, 1);
            QVERIFY(!s->rules.empty());
            // A complete, good inspection passes.
            const Evaluation e = evaluate(s.value(), base(kind), kToday);
            QVERIFY2(e.complete(),
                     qPrintable(e.problems.empty() ? QString() : e.problems.front().message));
            QCOMPARE(e.disposition, Disposition::Pass);
            QVERIFY(e.decidedBy == nullptr);
        }
        QVERIFY(!builtinSchema(QStringLiteral("nuts")).ok());
    }

    void builtinRules_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("disposition");
        QTest::addColumn<QString>("rule");
        auto row = [](const char *name, const char *kind, const char *field, QJsonValue v,
                      const char *disposition, const char *rule) {
            QTest::newRow(name) << QString::fromLatin1(kind) << QString::fromLatin1(field) << v
                                << QString::fromLatin1(disposition) << QString::fromLatin1(rule);
        };
        // Dairy: 1–4 °C, expiry ≥ 5 days ahead, intact packaging, ≤ 10,000 CFU/ml.
        row("dairy 6 °C fails", "dairy", "temperature_c", 6.0, "fail", "dairy-temperature");
        row("dairy 4.0 °C passes", "dairy", "temperature_c", 4.0, "pass", "");
        row("dairy 4.1 °C fails", "dairy", "temperature_c", 4.1, "fail", "dairy-temperature");
        row("dairy 1.0 °C passes", "dairy", "temperature_c", 1.0, "pass", "");
        row("dairy 0.9 °C fails", "dairy", "temperature_c", 0.9, "fail", "dairy-temperature");
        row("dairy expiry in 5 days passes", "dairy", "expiry_date", QStringLiteral("2026-11-28"),
            "pass", "");
        row("dairy expiry in 4 days holds", "dairy", "expiry_date", QStringLiteral("2026-11-27"),
            "hold", "dairy-expiry");
        row("dairy expired holds", "dairy", "expiry_date", QStringLiteral("2026-11-01"), "hold",
            "dairy-expiry");
        row("dairy damaged packaging fails", "dairy", "packaging_ok", false, "fail",
            "dairy-packaging");
        row("dairy 10,000 CFU passes", "dairy", "bacterial_cfu_ml", 10000, "pass", "");
        row("dairy 10,001 CFU fails", "dairy", "bacterial_cfu_ml", 10001, "fail", "dairy-bacteria");
        row("dairy pending count holds", "dairy", "bacterial_cfu_ml", QJsonValue(), "hold",
            "dairy-bacteria-pending");
        // Produce: visual, residue ≤ 0.05 ppm, ripeness, residue test done.
        row("produce defects fail", "produce", "visual_ok", false, "fail", "produce-visual");
        row("produce 0.05 ppm passes", "produce", "pest_residue_ppm", 0.05, "pass", "");
        row("produce 0.051 ppm fails", "produce", "pest_residue_ppm", 0.051, "fail",
            "produce-residue");
        row("produce over-ripe holds", "produce", "ripeness", QStringLiteral("over"), "hold",
            "produce-overripe");
        row("produce under-ripe passes", "produce", "ripeness", QStringLiteral("under"), "pass",
            "");
        row("produce untested holds", "produce", "residue_tested", false, "hold",
            "produce-residue-pending");
        // Protein: 0–4 °C, batch, colour and texture ≥ 3, grade.
        row("protein 0 °C passes", "protein", "temperature_c", 0.0, "pass", "");
        row("protein -0.1 °C fails", "protein", "temperature_c", -0.1, "fail",
            "protein-temperature");
        row("protein 4.1 °C fails", "protein", "temperature_c", 4.1, "fail", "protein-temperature");
        row("protein batch unverified holds", "protein", "batch_verified", false, "hold",
            "protein-batch");
        row("protein colour 3 passes", "protein", "colour_score", 3, "pass", "");
        row("protein colour 2 holds", "protein", "colour_score", 2, "hold", "protein-quality");
        row("protein texture 2 holds", "protein", "texture_score", 2, "hold", "protein-quality");
        row("protein grade mismatch holds", "protein", "grade_verified", false, "hold",
            "protein-grade");
    }
    void builtinRules() {
        QFETCH(QString, kind);
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QString, disposition);
        QFETCH(QString, rule);
        auto s = builtinSchema(kind);
        QVERIFY(s.ok());
        QJsonObject v = base(kind);
        if (value.isUndefined() || value.isNull())
            v.remove(field);
        else
            v.insert(field, value);
        if (field == QLatin1String("visual_ok") && value == QJsonValue(false))
            v.insert(QStringLiteral("defects"), QStringLiteral("mould on 3 of 20"));
        if (field == QLatin1String("residue_tested") && value == QJsonValue(false))
            v.remove(QStringLiteral("pest_residue_ppm"));
        const Evaluation e = evaluate(s.value(), v, kToday);
        QVERIFY2(e.complete(),
                 qPrintable(e.complete() ? QString()
                                         : e.problems.front().field + QStringLiteral(": ") +
                                               e.problems.front().message));
        QCOMPARE(QString::fromLatin1(dispositionKey(e.disposition)), disposition);
        QCOMPARE(e.decidedBy ? e.decidedBy->id : QString(), rule);
        if (e.decidedBy)
            QVERIFY(e.summary().contains(e.decidedBy->message));
    }

    void failBeatsHoldAndTheFirstRuleIsShown() {
        auto s = builtinSchema(QStringLiteral("produce"));
        QJsonObject v = produceOk();
        v.insert(QStringLiteral("ripeness"), QStringLiteral("over")); // hold
        v.insert(QStringLiteral("pest_residue_ppm"), 0.2);            // fail
        const Evaluation e = evaluate(s.value(), v, kToday);
        QCOMPARE(e.disposition, Disposition::Fail);
        QCOMPARE(e.decidedBy->id, QStringLiteral("produce-residue"));
        QCOMPARE(e.fired.size(), size_t(2));
    }

    void fieldValidation_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("required missing") << "dairy"
                                          << "temperature_c" << QJsonValue() << "Required";
        QTest::newRow("blank text is missing")
            << "dairy"
            << "expiry_date" << QJsonValue(QStringLiteral("  ")) << "Required";
        QTest::newRow("not a number")
            << "dairy"
            << "temperature_c" << QJsonValue(QStringLiteral("warm")) << "number";
        QTest::newRow("implausible (typo)")
            << "dairy"
            << "temperature_c" << QJsonValue(60.0) << "between -30 and 40";
        QTest::newRow("too many decimals") << "dairy"
                                           << "temperature_c" << QJsonValue(2.85) << "decimals";
        QTest::newRow("not an option")
            << "produce"
            << "ripeness" << QJsonValue(QStringLiteral("ripe")) << "one of";
        QTest::newRow("not a date")
            << "dairy"
            << "expiry_date" << QJsonValue(QStringLiteral("31/12/2026")) << "date";
        QTest::newRow("yes/no") << "dairy"
                                << "packaging_ok" << QJsonValue(1) << "yes or no";
        QTest::newRow("required if residue tested")
            << "produce"
            << "pest_residue_ppm" << QJsonValue() << "Required here";
    }
    void fieldValidation() {
        QFETCH(QString, kind);
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QString, message);
        auto s = builtinSchema(kind);
        QJsonObject v = base(kind);
        if (value.isUndefined())
            v.remove(field);
        else
            v.insert(field, value);
        const Evaluation e = evaluate(s.value(), v, kToday);
        QCOMPARE(e.problems.size(), size_t(1));
        QCOMPARE(e.problems.front().field, field);
        QVERIFY2(e.problems.front().message.contains(message),
                 qPrintable(e.problems.front().message));
    }

    void defectsRequiredOnlyWhenVisualFails() {
        auto s = builtinSchema(QStringLiteral("produce"));
        QJsonObject v = produceOk();
        v.insert(QStringLiteral("visual_ok"), false);
        const Evaluation e = evaluate(s.value(), v, kToday);
        QCOMPARE(e.problems.size(), size_t(1));
        QCOMPARE(e.problems.front().field, QStringLiteral("defects"));
        QCOMPARE(e.disposition, Disposition::Fail); // still shown while the form is incomplete
    }

    void malformedSchemas_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("message");
        const QByteArray head = "{\n\"format\": \"agrodesk.qc-schema\",\n\"category\": \"nuts\",\n"
                                "\"title\": \"Nuts\",\n\"version\": 1,\n";
        const QByteArray okField =
            "{\"key\": \"moisture\", \"label\": \"Moisture\", \"type\": \"number\"}";
        auto with = [&](const QByteArray &fields, const QByteArray &rules = "[]") -> QByteArray {
            return head + "\"fields\": [\n" + fields + "\n],\n\"rules\": [\n" + rules + "\n]\n}";
        };
        QTest::newRow("bad JSON") << QByteArray("{\n\"format\": \"x\",\n\"fields\": [,]\n}")
                                  << QString() << 3 << "not valid JSON";
        QTest::newRow("not an object")
            << QByteArray("[1, 2]") << "the top level" << 1 << "JSON object";
        QTest::newRow("wrong format")
            << QByteArray("{\"format\": \"csv\"}") << "format" << 1 << "expected";
        QTest::newRow("no fields")
            << QByteArray(head + "\"fields\": []\n}") << "fields" << 6 << "non-empty";
        QTest::newRow("misspelt property")
            << with("{\"key\": \"moisture\", \"lable\": \"M\", \"type\": \"number\"}")
            << "fields[0].lable" << 7 << "unknown property";
        QTest::newRow("unknown type")
            << with("{\"key\": \"moisture\", \"label\": \"M\", \"type\": \"nmber\"}")
            << "fields[0].type" << 7 << "unknown type";
        QTest::newRow("bad key") << with("{\"key\": \"Moisture %\", \"label\": \"M\", \"type\": "
                                         "\"number\"}")
                                 << "fields[0].key" << 7 << "not a valid key";
        QTest::newRow("duplicate key")
            << with(okField + ",\n" + okField) << "fields[1].key" << 8 << "earlier field";
        QTest::newRow("choice without options")
            << with("{\"key\": \"size\", \"label\": \"Size\", \"type\": \"choice\"}")
            << "fields[0].options" << 7 << "at least two";
        QTest::newRow("min above max")
            << with("{\"key\": \"m\", \"label\": \"M\", \"type\": \"number\", \"min\": 5, "
                    "\"max\": 1}")
            << "fields[0].min" << 7 << "above max";
        QTest::newRow("min on text")
            << with("{\"key\": \"m\", \"label\": \"M\", \"type\": \"text\", \"min\": 5}")
            << "fields[0].min" << 7 << "only number";
        QTest::newRow("rule on a missing field")
            << with(okField, "{\"id\": \"r\", \"when\": {\"field\": \"weight\", \"above\": 1}, "
                             "\"then\": \"fail\", \"message\": \"M\"}")
            << "rules[0].when.field" << 10 << "no field";
        QTest::newRow("operator does not fit")
            << with("{\"key\": \"ok\", \"label\": \"OK\", \"type\": \"yesno\"}",
                    "{\"id\": \"r\", \"when\": {\"field\": \"ok\", \"above\": 1}, \"then\": "
                    "\"fail\", \"message\": \"M\"}")
            << "rules[0].when.above" << 10 << "applies to number";
        QTest::newRow("two tests in one condition")
            << with(okField, "{\"id\": \"r\", \"when\": {\"field\": \"moisture\", \"above\": 1, "
                             "\"below\": 0}, \"then\": \"fail\", \"message\": \"M\"}")
            << "rules[0].when" << 10 << "exactly one";
        QTest::newRow("bad outcome")
            << with(okField, "{\"id\": \"r\", \"when\": {\"field\": \"moisture\", \"above\": 1}, "
                             "\"then\": \"reject\", \"message\": \"M\"}")
            << "rules[0].then" << 10 << "“fail” or “hold”";
        QTest::newRow("duplicate rule id")
            << with(okField, "{\"id\": \"r\", \"when\": {\"field\": \"moisture\", \"above\": 1}, "
                             "\"then\": \"fail\", \"message\": \"M\"},\n{\"id\": \"r\", \"when\": "
                             "{\"field\": \"moisture\", \"below\": 0}, \"then\": \"hold\", "
                             "\"message\": \"N\"}")
            << "rules[1].id" << 11 << "earlier rule";
        QTest::newRow("equals a value that is not an option")
            << with("{\"key\": \"size\", \"label\": \"S\", \"type\": \"choice\", \"options\": "
                    "[\"s\", \"l\"]}",
                    "{\"id\": \"r\", \"when\": {\"field\": \"size\", \"equals\": \"xl\"}, "
                    "\"then\": \"hold\", \"message\": \"M\"}")
            << "rules[0].when.equals" << 10 << "does not fit";
        QTest::newRow("outside needs a range")
            << with(okField, "{\"id\": \"r\", \"when\": {\"field\": \"moisture\", \"outside\": "
                             "[5, 1]}, \"then\": \"fail\", \"message\": \"M\"}")
            << "rules[0].when.outside" << 10 << "low ≤ high";
        QTest::newRow("required on itself")
            << with("{\"key\": \"m\", \"label\": \"M\", \"type\": \"number\", \"required_if\": "
                    "{\"field\": \"m\", \"above\": 1}}")
            << "fields[0].required_if" << 7 << "its own value";
        QTest::newRow("empty message")
            << with(okField, "{\"id\": \"r\", \"when\": {\"field\": \"moisture\", \"above\": 1}, "
                             "\"then\": \"fail\", \"message\": \" \"}")
            << "rules[0].message" << 10 << "not be empty";
        QTest::newRow("version zero")
            << QByteArray("{\"format\": \"agrodesk.qc-schema\", \"category\": \"n\", \"title\": "
                          "\"N\", \"version\": 0}")
            << "version" << 1 << "whole number";
    }
    void malformedSchemas() {
        QFETCH(QByteArray, json);
        QFETCH(QString, path);
        QFETCH(int, line);
        QFETCH(QString, message);
        auto s = parseSchema(json, QStringLiteral("nuts.json"));
        QVERIFY(!s.ok());
        const Error &e = s.error();
        QCOMPARE(e.code, ErrorCode::BadSchema);
        QCOMPARE(e.file, QStringLiteral("nuts.json"));
        if (!path.isEmpty())
            QCOMPARE(e.field, path);
        QCOMPARE(int(e.line), line);
        QVERIFY(e.column > 0);
        QVERIFY2(e.detail.contains(message), qPrintable(e.detail));
        // The whole message names the file, the place and the problem.
        const QString text = errorText(e);
        QVERIFY2(text.startsWith(QStringLiteral("nuts.json:%1:").arg(line)), qPrintable(text));
    }

    void columnsPointAtTheValue() {
        const QByteArray json =
            "{\"format\": \"agrodesk.qc-schema\", \"category\": \"n\", \"title\": \"N\", "
            "\"version\": 1, \"fields\": [{\"key\": \"m\", \"label\": \"M\", \"type\": \"nope\"}]}";
        auto s = parseSchema(json, QStringLiteral("n.json"));
        QVERIFY(!s.ok());
        QCOMPARE(s.error().line, qint64(1));
        QCOMPARE(s.error().column, int(json.indexOf("\"nope\"")) + 1);
    }

    void roundTripThroughJson() {
        for (const QString &kind : builtinSchemaKinds()) {
            auto s = builtinSchema(kind);
            const QByteArray json = schemaToJson(s.value());
            auto again = parseSchema(json, kind);
            QVERIFY2(again.ok(), why(again));
            QCOMPARE(schemaToJson(again.value()), json);
            QCOMPARE(again->fields.size(), s->fields.size());
            QCOMPARE(again->rules.size(), s->rules.size());
        }
    }
};

QTEST_GUILESS_MAIN(TestQcSchema)
#include "tst_qcschema.moc"

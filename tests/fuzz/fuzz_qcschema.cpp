// Fuzz target for the QC schema loader: any bytes must either load or be refused with a
// BadSchema error that names the file and a line; a schema that loads must evaluate an empty
// and a filled form without crashing, and survive a round trip through its JSON unchanged.
// Built as a libFuzzer binary with -DAGRODESK_FUZZ=ON (clang), and replayed by fuzz_replay.cpp
// in the normal test suite over the built-in schemas (resources/qc) as seeds.

#include "qc/qcrules.h"
#include "qc/qcschema.h"

#include <QJsonObject>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    auto s = agro::qc::parseSchema(bytes, QStringLiteral("fuzz.json"));
    if (!s.ok()) {
        const agro::Error &e = s.error();
        if (e.code != agro::ErrorCode::BadSchema || e.file != QLatin1String("fuzz.json") ||
            e.line < 1 || e.detail.isEmpty())
            std::abort(); // a refusal must say where and why
        return 0;
    }
    const QDate today(2026, 11, 23);
    (void)agro::qc::evaluate(s.value(), {}, today);
    QJsonObject filled;
    for (const auto &f : s->fields)
        filled.insert(
            f.key, f.type == agro::qc::FieldType::Number   ? QJsonValue(1.0)
                   : f.type == agro::qc::FieldType::YesNo  ? QJsonValue(false)
                   : f.type == agro::qc::FieldType::Choice ? QJsonValue(f.options.value(0))
                   : f.type == agro::qc::FieldType::Date ? QJsonValue(QStringLiteral("2026-11-24"))
                                                         : QJsonValue(QStringLiteral("x")));
    (void)agro::qc::evaluate(s.value(), filled, today);
    const QByteArray json = agro::qc::schemaToJson(s.value());
    auto again = agro::qc::parseSchema(json, QStringLiteral("again.json"));
    if (!again.ok() || agro::qc::schemaToJson(again.value()) != json)
        std::abort();
    return 0;
}

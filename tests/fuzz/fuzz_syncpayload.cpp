// Fuzz target for the sync payload decoder (core/sync/changecodec): whatever bytes a client or
// server sends, decoding either refuses with an error that names the entry and field
// ("changes[3].c: …"), or yields changes that encode and decode back to the same JSON. The
// sanity digest, a deletion's seen-versions and a bulk batch's chunks of rows are decoded too.
// Built as a libFuzzer binary with -DAGRODESK_FUZZ=ON (clang), and replayed by fuzz_replay.cpp in
// the normal suite over tests/fuzz/syncpayloads.

#include "sync/bulkfacts.h"
#include "sync/changecodec.h"
#include "sync/sanity.h"

#include <QJsonDocument>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QJsonObject body = QJsonDocument::fromJson(bytes).object();
    auto changes = agro::sync::decodeChanges(body.value(QStringLiteral("changes")), 1000);
    if (!changes.ok()) {
        if (!changes.error().detail.startsWith(QLatin1String("changes")))
            std::abort(); // a refusal must say which entry and field
    } else {
        const QJsonArray again = agro::sync::encodeChanges(changes.value());
        auto twice = agro::sync::decodeChanges(again, 1000);
        if (!twice.ok() || agro::sync::encodeChanges(twice.value()) != again)
            std::abort();
        for (const auto &c : changes.value()) {
            if (c.isDelete())
                (void)agro::sync::decodeSeenVersions(c.value.toString());
            if (agro::sync::isBulkRows(c)) {
                // A chunk of bulk rows decodes, or is refused naming the chunk; what decodes
                // encodes back to rows that decode the same.
                auto chunk = agro::sync::decodeBulkChunk(c.value.toByteArray());
                if (!chunk.ok()) {
                    if (!chunk.error().detail.startsWith(QLatin1String("bulk rows")))
                        std::abort();
                } else {
                    auto back = agro::sync::decodeBulkChunk(agro::sync::encodeBulkChunk(*chunk));
                    if (!back.ok() || back->rows.size() != chunk->rows.size())
                        std::abort();
                }
            }
        }
    }
    (void)agro::sync::decodeDigest(body.value(QStringLiteral("digest")).toObject());
    return 0;
}

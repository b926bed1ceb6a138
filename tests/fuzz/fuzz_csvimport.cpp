// Fuzz target for the CSV reader and the sales importer: any bytes must either import or be
// rejected with a located error, never crash, and a rejection must leave the workspace as it
// was. Built as a libFuzzer binary with -DAGRODESK_FUZZ=ON (clang), and replayed by
// fuzz_replay.cpp in the normal test suite.

#include "io/csvreader.h"
#include "io/importer.h"
#include "store/contenthash.h"
#include "store/workspace.h"

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>

#include <cstdint>
#include <cstdlib>

namespace {
struct Fixture {
    QTemporaryDir dir;
    QString workspace;
    QByteArray hash;
    Fixture() {
        workspace = dir.filePath(QStringLiteral("fuzz.agrodesk"));
        if (!agro::store::Workspace::create(workspace, 1).ok())
            std::abort();
        auto db = agro::store::Workspace::connect(workspace);
        // One farm and two products for the sales rows to refer to.
        if (!db->exec("INSERT INTO farms (id, name) VALUES "
                      "('01900000-0000-7000-8000-000000000001', 'F');"
                      "INSERT INTO products (id, farm_id, sku, name) VALUES "
                      "('01900000-0000-7000-8000-000000000002', "
                      "'01900000-0000-7000-8000-000000000001', 'A', 'a'),"
                      "('01900000-0000-7000-8000-000000000003', "
                      "'01900000-0000-7000-8000-000000000001', 'B', 'b');")
                 .ok())
            std::abort();
        hash = agro::store::contentHash(db.value()).value();
    }
};
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    static Fixture fixture;
    const QString file = fixture.dir.filePath(QStringLiteral("in.csv"));
    {
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            std::abort();
        f.write(reinterpret_cast<const char *>(data), qint64(size));
    }
    // The reader alone: every record or a located error.
    if (auto r = agro::io::CsvReader::open(file); r.ok()) {
        for (;;) {
            auto more = r.value()->next();
            if (!more.ok()) {
                if (more.error().line <= 0 || more.error().file != file)
                    std::abort();
                break;
            }
            if (!more.value())
                break;
        }
    }
    // The importer: rejected input changes nothing.
    auto db = agro::store::Workspace::connect(fixture.workspace);
    if (!db.ok())
        std::abort();
    auto imported = agro::io::importCsv(db.value(), agro::io::CsvKind::Sales, file);
    auto after = agro::store::contentHash(db.value());
    if (!after.ok())
        std::abort();
    if (!imported.ok() && after.value() != fixture.hash)
        std::abort();
    if (imported.ok()) {
        // Accepted: undo so the next input starts from the same state.
        if (!db->exec("DELETE FROM sales_daily; DELETE FROM sales_farm_daily; DELETE FROM "
                      "change_log; DELETE FROM bulk_batches; UPDATE workspace_meta SET value = "
                      "'0' WHERE key = 'hlc';")
                 .ok())
            std::abort();
        fixture.hash = agro::store::contentHash(db.value()).value();
    }
    return 0;
}

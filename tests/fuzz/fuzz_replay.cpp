// Runs a fuzz target (CSV import, QC schema) without libFuzzer: the seed corpus, then a fixed
// number of deterministic mutations of it (byte flips, inserted quotes, separators and line breaks,
// truncations, invalid UTF-8). FUZZ_ITERATIONS overrides the count (default 3,000).

#include "analytics/random.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

class TestFuzzReplay : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void replay() {
        QList<QByteArray> seeds;
        const QDir corpus(QStringLiteral(AGRODESK_FUZZ_CORPUS));
        for (const QString &name : corpus.entryList(QDir::Files, QDir::Name)) {
            QFile f(corpus.filePath(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            seeds << f.readAll();
        }
        QVERIFY(seeds.size() >= 3);
        for (const QByteArray &s : seeds)
            LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(s.constData()),
                                   size_t(s.size()));

        const int iterations = qEnvironmentVariableIsSet("FUZZ_ITERATIONS")
                                   ? qEnvironmentVariableIntValue("FUZZ_ITERATIONS")
                                   : 3000;
        agro::analytics::Rng rng(20261123);
        // CSV and JSON punctuation, digits, and bytes that break UTF-8.
        static const char inserts[] = {'"',    ',', ';', '\n', '\r', '-', '.', ' ',  '\xff',
                                       '\xc3', '0', '{', '}',  '[',  ']', ':', '\\', 'e'};
        for (int i = 0; i < iterations; ++i) {
            QByteArray s = seeds[int(rng.uniformInt(0, seeds.size() - 1))];
            const int edits = int(rng.uniformInt(1, 4));
            for (int e = 0; e < edits && !s.isEmpty(); ++e) {
                const qsizetype at = qsizetype(rng.uniformInt(0, s.size() - 1));
                switch (rng.uniformInt(0, 3)) {
                case 0:
                    s[at] = char(rng.uniformInt(0, 255));
                    break;
                case 1:
                    s.insert(at, inserts[rng.uniformInt(0, sizeof inserts - 1)]);
                    break;
                case 2:
                    s.remove(at, qsizetype(rng.uniformInt(1, 8)));
                    break;
                default:
                    s.truncate(at);
                    break;
                }
            }
            LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(s.constData()),
                                   size_t(s.size()));
        }
    }
};

QTEST_GUILESS_MAIN(TestFuzzReplay)
#include "fuzz_replay.moc"

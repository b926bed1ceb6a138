// QC detectors of the detection service: multivariate outliers among a category's inspections
// (isolation forest, explained by the most deviant measure's robust z) and drifts of a
// supplier's measures over time (CUSUM) (detectionservice.h).
#include "detectioninternal.h"

#include "analytics/detection/drift.h"
#include "analytics/detection/isolationforest.h"
#include "analytics/detection/robust.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <map>

namespace agro::services::detail {

namespace det = agro::analytics::detection;

namespace {

/// An inspection is an outlier when the forest isolates it quickly and at least one measure is
/// far out on its own — the second condition keeps every alert explainable in one sentence.
constexpr double kOutlierScore = 0.60;
constexpr double kOutlierZ = 4.0;

struct Inspection {
    QString id, farmId, categoryId, categoryName, supplier, lotId, batch, product;
    std::int64_t ts = 0;
    QJsonObject values;
};

struct Measure {
    QString name;
    bool logScale = false;
};

double valueOf(const Inspection &i, const Measure &m) {
    const QJsonValue v = i.values.value(m.name);
    if (!v.isDouble())
        return std::nan("");
    const double x = v.toDouble();
    return m.logScale ? (x > 0 ? std::log(x) : std::nan("")) : x;
}

/// The numeric measures of a category: JSON numbers present in at least 90 % of its
/// inspections. A positive measure whose mean is well above its median (a bacterial count)
/// is compared on a log scale, where it is roughly symmetric.
std::vector<Measure> measuresOf(const std::vector<const Inspection *> &rows) {
    std::map<QString, int> seen;
    for (const auto *i : rows)
        for (auto it = i->values.begin(); it != i->values.end(); ++it)
            if (it.value().isDouble())
                ++seen[it.key()];
    std::vector<Measure> out;
    for (const auto &[name, count] : seen) {
        if (count < 0.9 * double(rows.size()))
            continue;
        Measure m{name, false};
        std::vector<double> v;
        bool positive = true;
        for (const auto *i : rows) {
            const double x = valueOf(*i, m);
            if (std::isfinite(x)) {
                v.push_back(x);
                positive = positive && x > 0;
            }
        }
        if (positive && !v.empty()) {
            std::sort(v.begin(), v.end());
            // Trimmed mean (central 98 %) against the median: robust to the outliers we look for.
            const std::size_t cut = v.size() / 100;
            double sum = 0;
            for (std::size_t k = cut; k < v.size() - cut; ++k)
                sum += v[k];
            const double mean = sum / double(v.size() - 2 * cut), median = v[v.size() / 2];
            m.logScale = median > 0 && mean / median > 1.25;
        }
        out.push_back(m);
    }
    return out;
}

QString when(std::int64_t ts) {
    return QDateTime::fromSecsSinceEpoch(ts, QTimeZone::utc()).toString(Qt::ISODate);
}

} // namespace

Result<void> detectQcFindings(store::Connection &db, Progress *progress, std::vector<Finding> &out,
                              DetectionOutcome *stats) {
    std::vector<Inspection> all;
    {
        auto st = db.prepare(
            "SELECT i.id, i.farm_id, i.category_id, c.name, i.inspected_at, i.values_json, "
            "coalesce(l.supplier, ''), coalesce(l.id, ''), coalesce(l.batch_number, ''), "
            "coalesce(p.name, '') FROM qc_inspections i "
            "JOIN product_categories c ON c.id = i.category_id "
            "LEFT JOIN lots l ON l.id = i.lot_id LEFT JOIN products p ON p.id = l.product_id "
            "ORDER BY i.inspected_at, i.id");
        if (!st.ok())
            return st.error();
        AGRO_TRY(st->forEachRow([&] {
            Inspection i;
            i.id = st->text(0);
            i.farmId = st->text(1);
            i.categoryId = st->text(2);
            i.categoryName = st->text(3);
            i.ts = QDateTime::fromString(st->text(4), Qt::ISODate).toSecsSinceEpoch();
            i.values = QJsonDocument::fromJson(st->text(5).toUtf8()).object();
            i.supplier = st->text(6);
            i.lotId = st->text(7);
            i.batch = st->text(8);
            i.product = st->text(9);
            all.push_back(std::move(i));
        }));
    }
    if (stats)
        stats->inspections = static_cast<int>(all.size());
    std::map<QString, std::vector<const Inspection *>> byCategory;
    for (const auto &i : all)
        byCategory[i.categoryId].push_back(&i);
    if (progress)
        progress->total.fetch_add(static_cast<std::int64_t>(byCategory.size()));

    for (const auto &[categoryId, rows] : byCategory) {
        if (progress && progress->isCancelled())
            return Error::make(ErrorCode::Cancelled);
        const std::vector<Measure> measures = measuresOf(rows);
        const std::size_t nf = measures.size();
        if (nf == 0 || rows.size() < 30) {
            if (progress)
                progress->done.fetch_add(1);
            continue;
        }
        std::vector<double> matrix;
        matrix.reserve(rows.size() * nf);
        for (const auto *i : rows)
            for (const auto &m : measures)
                matrix.push_back(valueOf(*i, m));
        std::vector<det::RobustScale> scales;
        for (std::size_t f = 0; f < nf; ++f) {
            std::vector<double> col;
            col.reserve(rows.size());
            for (std::size_t r = 0; r < rows.size(); ++r)
                col.push_back(matrix[r * nf + f]);
            scales.push_back(det::robustScale(std::move(col)));
        }

        // Outliers.
        det::IsolationForest forest;
        forest.fit(matrix, nf);
        for (std::size_t r = 0; r < rows.size(); ++r) {
            const double score = forest.score(&matrix[r * nf]);
            if (score < kOutlierScore)
                continue;
            std::size_t worst = 0;
            double worstZ = 0;
            for (std::size_t f = 0; f < nf; ++f) {
                const double x = matrix[r * nf + f];
                if (!std::isfinite(x) || !(scales[f].mad > 0))
                    continue;
                const double z = det::robustZ(x, scales[f]);
                if (std::abs(z) > std::abs(worstZ)) {
                    worstZ = z;
                    worst = f;
                }
            }
            if (std::abs(worstZ) < kOutlierZ)
                continue;
            const Inspection &i = *rows[r];
            const Measure &m = measures[worst];
            const double raw = i.values.value(m.name).toDouble();
            const double typical =
                m.logScale ? std::exp(scales[worst].median) : scales[worst].median;
            Finding f;
            f.detector = QStringLiteral("qc.outlier");
            f.source = QStringLiteral("qc");
            f.subjectId = i.id;
            f.subjectName = i.batch.isEmpty() ? i.id : i.batch;
            f.farmId = i.farmId;
            f.from = f.to = i.ts;
            f.severity = std::abs(worstZ) > 8 ? QStringLiteral("warning") : QStringLiteral("info");
            f.title = QStringLiteral("Unusual %1 in lot %2").arg(m.name, f.subjectName);
            f.explanation =
                QStringLiteral("%1 = %2 where %3 inspections typically read %4 (robust z %5; "
                               "isolation score %6)")
                    .arg(m.name, QString::number(raw), i.categoryName,
                         QString::number(typical, 'g', 3), QString::number(worstZ, 'f', 1),
                         QString::number(score, 'f', 2));
            f.evidence = {
                {QStringLiteral("inspection"), i.id},
                {QStringLiteral("category"), categoryId},
                {QStringLiteral("lot"), i.lotId},
                {QStringLiteral("product"), i.product},
                {QStringLiteral("supplier"), i.supplier},
                {QStringLiteral("measure"), m.name},
                {QStringLiteral("worst"), raw},
                {QStringLiteral("baseline"), typical},
                {QStringLiteral("score"), worstZ},
                {QStringLiteral("isolation"), score},
                {QStringLiteral("values"), i.values},
                {QStringLiteral("rule"), QStringLiteral("isolation forest ≥ %1 and |z| ≥ %2")
                                             .arg(kOutlierScore)
                                             .arg(kOutlierZ)}};
            out.push_back(std::move(f));
        }

        // Drifts per supplier and measure: inspections in time order are the blocks.
        std::map<QString, std::vector<std::size_t>> bySupplier;
        for (std::size_t r = 0; r < rows.size(); ++r)
            bySupplier[rows[r]->supplier].push_back(r);
        det::DriftOptions o;
        // Inspections are noisier and more numerous than sensor days: a longer reference and a
        // higher decision interval keep a supplier's ordinary spread from raising drifts.
        o.referenceBlocks = 60;
        o.lagBlocks = 5;
        o.minBlocks = 5;
        o.h = 8;
        o.reportLevelShifts = true;
        for (const auto &[supplier, idx] : bySupplier) {
            for (std::size_t f = 0; f < nf; ++f) {
                std::vector<double> series;
                series.reserve(idx.size());
                for (std::size_t r : idx)
                    series.push_back(matrix[r * nf + f]);
                for (const auto &e : det::cusumDrifts(series, o)) {
                    const Inspection &a = *rows[idx[e.start]], &b = *rows[idx[e.end]];
                    const Measure &m = measures[f];
                    Finding d;
                    d.detector = QStringLiteral("qc.drift");
                    d.source = QStringLiteral("qc");
                    d.subjectId =
                        categoryId + QLatin1Char('/') + supplier + QLatin1Char('/') + m.name;
                    d.subjectName = QStringLiteral("%1 from %2").arg(a.categoryName, supplier);
                    d.farmId = a.farmId;
                    d.from = a.ts;
                    d.to = b.ts;
                    const double ref = m.logScale ? std::exp(e.reference) : e.reference;
                    const double peak =
                        m.logScale ? std::exp(e.reference + e.shift) : e.reference + e.shift;
                    d.severity = QStringLiteral("warning");
                    d.title = QStringLiteral("%1 drifting %2 for %3 from %4")
                                  .arg(m.name,
                                       e.shift > 0 ? QStringLiteral("up") : QStringLiteral("down"),
                                       a.categoryName, supplier);
                    d.explanation =
                        QStringLiteral("%1 moved from %2 to %3 over %4 inspections (%5 to %6); "
                                       "check the supplier's storage and transport")
                            .arg(m.name, QString::number(ref, 'g', 3),
                                 QString::number(peak, 'g', 3))
                            .arg(e.end - e.start + 1)
                            .arg(when(a.ts).left(10), when(b.ts).left(10));
                    d.evidence = {
                        {QStringLiteral("category"), categoryId},
                        {QStringLiteral("supplier"), supplier},
                        {QStringLiteral("measure"), m.name},
                        {QStringLiteral("baseline"), ref},
                        {QStringLiteral("worst"), peak},
                        {QStringLiteral("score"), e.sigma > 0 ? e.shift / e.sigma : 0},
                        {QStringLiteral("rule"), QStringLiteral("CUSUM h = %1σ").arg(o.h)}};
                    out.push_back(std::move(d));
                }
            }
        }
        if (progress)
            progress->done.fetch_add(1);
    }
    return {};
}

} // namespace agro::services::detail

#include "detectionservice.h"

#include "detectioninternal.h"
#include "store/mutator.h"
#include "store/workspace.h"
#include "worker.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>

#include <functional>
#include <map>
#include <set>

namespace agro::services {

namespace {

/// Episodes of one problem closer than this are the same alert.
constexpr std::int64_t kSameProblemGapS = 6 * 3600;

int severityRank(const QString &s) {
    return s == QLatin1String("critical") ? 2 : s == QLatin1String("warning") ? 1 : 0;
}

QString json(const QJsonObject &o) {
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString isoUtc(std::int64_t ts) {
    return QDateTime::fromSecsSinceEpoch(ts, QTimeZone::utc()).toString(Qt::ISODate);
}

struct StoredAlert {
    QString id;
    std::int64_t first = 0, last = 0;
    QString status, severity;
};

} // namespace

Result<std::vector<Finding>> runDetectors(store::Connection &db, Progress *progress,
                                          DetectionOutcome *stats) {
    std::vector<Finding> out;
    AGRO_TRY(detail::detectSensorFindings(db, progress, out, stats));
    AGRO_TRY(detail::detectQcFindings(db, progress, out, stats));
    if (stats)
        stats->findings = static_cast<int>(out.size());
    return out;
}

Result<void> storeFindings(store::Connection &db, const std::vector<Finding> &findings,
                           DetectionOutcome &outcome) {
    auto m = store::Mutator::begin(db);
    if (!m.ok())
        return m.error();
    AGRO_TRY(storeFindings(m.value(), findings, outcome,
                           QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)));
    return m->commit();
}

Result<void> storeFindings(store::Mutator &m, const std::vector<Finding> &findings,
                           DetectionOutcome &outcome, const QString &now) {
    std::map<QString, std::vector<StoredAlert>> existing;
    {
        auto st =
            m.db().prepare("SELECT fingerprint, id, coalesce(first_ts, 0), coalesce(last_ts, 0), "
                           "status, severity FROM alerts WHERE fingerprint <> ''");
        if (!st.ok())
            return st.error();
        AGRO_TRY(st->forEachRow([&] {
            existing[st->text(0)].push_back(
                {st->text(1), st->int64(2), st->int64(3), st->text(4), st->text(5)});
        }));
    }
    const QString actor = QStringLiteral("detector");
    auto event = [&](const QString &farm, const QString &alert, const QString &action,
                     const QString &note) {
        return m.insert(QStringLiteral("alert_events"), m.newId(),
                        {{QStringLiteral("farm_id"), farm},
                         {QStringLiteral("alert_id"), alert},
                         {QStringLiteral("action"), action},
                         {QStringLiteral("actor"), actor},
                         {QStringLiteral("at"), now},
                         {QStringLiteral("note"), note}});
    };
    for (const Finding &f : findings) {
        auto &list = existing[f.fingerprint()];
        StoredAlert *match = nullptr;
        for (auto &a : list)
            if (f.from <= a.last + kSameProblemGapS && f.to >= a.first - kSameProblemGapS) {
                match = &a;
                break;
            }
        if (!match) {
            const QString id = m.newId();
            AGRO_TRY(m.insert(QStringLiteral("alerts"), id,
                              {{QStringLiteral("farm_id"), f.farmId},
                               {QStringLiteral("source"), f.source},
                               {QStringLiteral("kind"), f.detector.section(QLatin1Char('.'), 1)},
                               {QStringLiteral("severity"), f.severity},
                               {QStringLiteral("status"), QStringLiteral("open")},
                               {QStringLiteral("subject_id"), f.subjectId},
                               {QStringLiteral("title"), f.title},
                               {QStringLiteral("evidence_json"), json(f.evidence)},
                               {QStringLiteral("opened_at"), isoUtc(f.from)},
                               {QStringLiteral("detector"), f.detector},
                               {QStringLiteral("fingerprint"), f.fingerprint()},
                               {QStringLiteral("field_id"),
                                f.fieldId.isEmpty() ? QVariant() : QVariant(f.fieldId)},
                               {QStringLiteral("first_ts"), qint64(f.from)},
                               {QStringLiteral("last_ts"), qint64(f.to)},
                               {QStringLiteral("explanation"), f.explanation}}));
            AGRO_TRY(event(f.farmId, id, QStringLiteral("open"), f.explanation));
            list.push_back({id, f.from, f.to, QStringLiteral("open"), f.severity});
            ++outcome.opened;
            continue;
        }
        const bool grows = f.from < match->first || f.to > match->last;
        const bool worse = severityRank(f.severity) > severityRank(match->severity);
        if (!grows && !worse)
            continue; // seen before: nothing new
        const bool back = match->status == QLatin1String("resolved") && f.to > match->last;
        match->first = std::min(match->first, f.from);
        match->last = std::max(match->last, f.to);
        if (worse)
            match->severity = f.severity;
        store::Columns cols{{QStringLiteral("first_ts"), qint64(match->first)},
                            {QStringLiteral("last_ts"), qint64(match->last)},
                            {QStringLiteral("severity"), match->severity},
                            {QStringLiteral("title"), f.title},
                            {QStringLiteral("explanation"), f.explanation},
                            {QStringLiteral("evidence_json"), json(f.evidence)}};
        if (back) {
            cols.push_back({QStringLiteral("status"), QStringLiteral("open")});
            match->status = QStringLiteral("open");
        }
        AGRO_TRY(m.update(QStringLiteral("alerts"), match->id, cols));
        AGRO_TRY(event(f.farmId, match->id,
                       back ? QStringLiteral("reopen") : QStringLiteral("update"), f.explanation));
        ++outcome.updated;
    }
    return {};
}

namespace {

struct Fault {
    QString kind, subject, detail;
    std::int64_t from = 0, to = 0;
    bool found = false;
};

/// The injected fault kind a detector is meant to find ("" when it has none).
QString faultKindFor(const QString &detector) {
    static const std::map<QString, QString> kinds = {
        {QStringLiteral("sensor.flatline"), QStringLiteral("flatline")},
        {QStringLiteral("sensor.dropout"), QStringLiteral("dropout")},
        {QStringLiteral("sensor.spike"), QStringLiteral("spike")},
        {QStringLiteral("sensor.drift"), QStringLiteral("drift")},
        {QStringLiteral("sensor.threshold"), QStringLiteral("excursion")},
        {QStringLiteral("qc.outlier"), QStringLiteral("qc_defect")},
        {QStringLiteral("qc.drift"), QStringLiteral("qc_drift")}};
    const auto it = kinds.find(detector);
    return it == kinds.end() ? QString() : it->second;
}

} // namespace

Result<void> scoreFindings(store::Connection &db, const std::vector<Finding> &findings,
                           DetectionOutcome &outcome) {
    std::vector<Fault> faults;
    {
        auto st =
            db.prepare("SELECT kind, subject_id, starts_at, ends_at, detail FROM demo_faults");
        if (!st.ok())
            return st.error();
        AGRO_TRY(st->forEachRow([&] {
            faults.push_back({st->text(0), st->text(1), st->text(4), st->int64(2), st->int64(3)});
        }));
    }
    outcome.scores.clear();
    outcome.overall = {QStringLiteral("overall")};
    outcome.unscored = 0;
    if (faults.empty())
        return {};
    QHash<QString, QString> sensorKind, categoryKind;
    {
        auto st = db.prepare("SELECT id, kind FROM sensors");
        if (!st.ok())
            return st.error();
        AGRO_TRY(st->forEachRow([&] { sensorKind[st->text(0)] = st->text(1); }));
        auto ct = db.prepare("SELECT id, kind FROM product_categories");
        if (!ct.ok())
            return ct.error();
        AGRO_TRY(ct->forEachRow([&] { categoryKind[ct->text(0)] = ct->text(1); }));
    }
    std::map<std::pair<QString, QString>, std::vector<Fault *>> byKindSubject;
    for (auto &f : faults)
        byKindSubject[{f.kind, f.subject}].push_back(&f);

    // Thresholds on field sensors react to real weather (a dry August), not to injected
    // faults, so they are reported but not scored; on a cold room they must catch excursions.
    std::map<QString, DetectorScore> scores;
    for (const Finding &f : findings) {
        const QString kind = faultKindFor(f.detector);
        if (kind.isEmpty() ||
            (f.detector == QLatin1String("sensor.threshold") &&
             sensorKind.value(f.subjectId) != QLatin1String("cold_room_temperature"))) {
            ++outcome.unscored;
            continue;
        }
        DetectorScore &s = scores[f.detector];
        s.detector = f.detector;
        ++s.findings;
        bool hit = false;
        auto overlap = [&](const std::vector<Fault *> &list, std::int64_t tolerance,
                           const std::function<bool(const Fault &)> &accept) {
            for (Fault *x : list)
                if (f.from <= x->to + tolerance && f.to >= x->from - tolerance && accept(*x)) {
                    x->found = x->found || x->kind == kind;
                    hit = true;
                }
        };
        const auto any = [](const Fault &) { return true; };
        if (f.source == QLatin1String("sensor")) {
            overlap(byKindSubject[{kind, f.subjectId}],
                    kind == QLatin1String("drift") ? 86400 : 900, any);
        } else {
            const QString supplier = f.evidence.value(QStringLiteral("supplier")).toString();
            const QString ck =
                categoryKind.value(f.evidence.value(QStringLiteral("category")).toString());
            const auto sameCategory = [&](const Fault &x) {
                return x.detail.contains(QLatin1Char('"') + ck + QLatin1Char('"'));
            };
            if (f.detector == QLatin1String("qc.outlier")) {
                overlap(byKindSubject[{kind, f.subjectId}], 0, any);
                // An inspection taken during its supplier's drift is rightly unusual.
                overlap(byKindSubject[{QStringLiteral("qc_drift"), supplier}], 86400, sameCategory);
            } else {
                overlap(byKindSubject[{kind, supplier}], 86400, sameCategory);
            }
        }
        if (hit)
            ++s.matched;
    }
    for (const auto &f : faults) {
        QString detector;
        for (const QString &d : {QStringLiteral("sensor.flatline"),
                                 QStringLiteral("sensor.dropout"), QStringLiteral("sensor.spike"),
                                 QStringLiteral("sensor.drift"), QStringLiteral("sensor.threshold"),
                                 QStringLiteral("qc.outlier"), QStringLiteral("qc.drift")})
            if (faultKindFor(d) == f.kind)
                detector = d;
        if (detector.isEmpty())
            continue;
        DetectorScore &s = scores[detector];
        s.detector = detector;
        ++s.faults;
        if (f.found)
            ++s.faultsFound;
    }
    for (auto &[name, s] : scores) {
        outcome.overall.findings += s.findings;
        outcome.overall.matched += s.matched;
        outcome.overall.faults += s.faults;
        outcome.overall.faultsFound += s.faultsFound;
        outcome.scores.push_back(s);
    }
    return {};
}

Result<DetectionOutcome> detectAndStore(store::Connection &db, Progress *progress) {
    DetectionOutcome outcome;
    QElapsedTimer clock;
    clock.start();
    const QString started = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    auto findings = runDetectors(db, progress, &outcome);
    if (!findings.ok())
        return findings.error();
    outcome.detectSeconds = double(clock.nsecsElapsed()) / 1e9;
    clock.restart();
    AGRO_TRY(storeFindings(db, findings.value(), outcome));
    outcome.storeSeconds = double(clock.nsecsElapsed()) / 1e9;
    AGRO_TRY(scoreFindings(db, findings.value(), outcome));

    QJsonObject scores;
    for (const auto &s : outcome.scores)
        scores.insert(s.detector, QJsonObject{{QStringLiteral("findings"), s.findings},
                                              {QStringLiteral("matched"), s.matched},
                                              {QStringLiteral("faults"), s.faults},
                                              {QStringLiteral("found"), s.faultsFound}});
    auto st = db.prepare("INSERT INTO detection_runs (id, started_at, seconds, sensors, readings, "
                         "inspections, findings, opened, updated, scores) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!st.ok())
        return st.error();
    outcome.runId = QStringLiteral("detect-") + started;
    st->bind(1, outcome.runId);
    st->bind(2, started);
    st->bind(3, outcome.detectSeconds + outcome.storeSeconds);
    st->bind(4, outcome.sensors);
    st->bind(5, outcome.readings);
    st->bind(6, outcome.inspections);
    st->bind(7, outcome.findings);
    st->bind(8, outcome.opened);
    st->bind(9, outcome.updated);
    st->bind(10, json(scores));
    AGRO_TRY(st->run());
    return outcome;
}

QCoro::Task<Result<DetectionOutcome>> DetectionService::run(QString workspace,
                                                            ProgressPtr progress) {
    auto work = [workspace, progress]() -> Result<DetectionOutcome> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        return detectAndStore(db.value(), progress.get());
    };
    auto task = onWriter(std::move(work));
    auto result = co_await task;
    co_return result;
}

} // namespace agro::services

#include "demogenerator.h"

#include "analytics/calendar.h"
#include "demoalerts.h"
#include "demobuilder.h"
#include "store/bulkbatches.h"
#include "store/repository.h"
#include "store/workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcDemo, "agrodesk.demo", QtWarningMsg)

namespace agro::demo {

using namespace agro::domain;
using analytics::daysFromCivil;

std::optional<DemoPreset> demoPreset(const QString &name) {
    if (name == QLatin1String("small"))
        return DemoPreset{name, 2, 6, 3, 40, 365, 6, 30, 400};
    if (name == QLatin1String("large"))
        return DemoPreset{name, 5, 40, 6, 1000, 1096, 200, 365, 50000};
    return std::nullopt;
}

DemoBuilder::DemoBuilder(store::Mutator &m, const DemoOptions &o, Progress *p)
    : m_m(m)
    , m_o(o)
    , m_progress(p)
    , m_rng(o.seed) {
    m_endDay = daysFromCivil(o.endDate.year(), o.endDate.month(), o.endDate.day());
    const int firstSeasonYear = o.endDate.year() - o.preset.seasons + 1;
    const std::int32_t salesStart = m_endDay - o.preset.salesDays + 1;
    m_firstWeatherDay = std::min(daysFromCivil(firstSeasonYear, 1, 1), salesStart);
    if (m_progress)
        m_progress->set(0, estimateTotalUnits());
}

std::int64_t DemoBuilder::estimateTotalUnits() const {
    const auto &p = m_o.preset;
    return std::int64_t(p.products) * p.salesDays + std::int64_t(p.sensors) * p.sensorDays * 96 +
           std::int64_t(p.inspections) * 20 +
           std::int64_t(p.farms) * p.fieldsPerFarm * p.seasons * 20;
}

void DemoBuilder::advance(std::int64_t units) {
    if (m_progress)
        m_progress->done.fetch_add(units, std::memory_order_relaxed);
}

QString DemoBuilder::dayIso(std::int32_t day) const {
    const auto c = analytics::civilFromDays(day);
    return QDate(c.year, c.month, c.day).toString(Qt::ISODate);
}

const analytics::WeatherDay &DemoBuilder::weatherOn(size_t farm, std::int32_t day) const {
    const auto &w = m_farms[farm].weather;
    const auto i = std::clamp<std::int64_t>(day - m_firstWeatherDay, 0, std::int64_t(w.size()) - 1);
    return w[size_t(i)];
}

Result<void> DemoBuilder::recordFault(const QString &kind, const QString &subject,
                                      std::int64_t from, std::int64_t to, const QString &detail) {
    auto st = m_m.db().prepare("INSERT INTO demo_faults (kind, subject_id, starts_at, ends_at, "
                               "detail) VALUES (?, ?, ?, ?, ?)");
    if (!st.ok())
        return st.error();
    st->bind(1, kind);
    st->bind(2, subject);
    st->bind(3, from);
    st->bind(4, to);
    st->bind(5, detail);
    AGRO_TRY(st->run());
    ++summary.injectedFaults;
    return {};
}

Result<void> DemoBuilder::farmsAndPeople() {
    static const char *names[] = {"Hillside Farm",    "River Valley Farm", "Oak Ridge Farm",
                                  "Meadowbrook Farm", "Stone Bridge Farm", "Willow Creek Farm",
                                  "Ash Grove Farm",   "Elm Hollow Farm"};
    for (int i = 0; i < m_o.preset.farms; ++i) {
        Farm f;
        f.id = m_m.newId();
        const char *name = names[size_t(i) % std::size(names)];
        f.name = QString::fromLatin1(name);
        if (i >= int(std::size(names)))
            f.name += QStringLiteral(" %1").arg(i + 1);
        // One farm shows acres and pounds, so that unit conversion is visible in the demo.
        if (i == 1) {
            f.areaUnit = QStringLiteral("ac");
            f.massUnit = QStringLiteral("lb");
        }
        f.latitude = 47.0 + m_rng.uniform(-2, 2);
        f.longitude = 8.0 + m_rng.uniform(-3, 3);
        AGRO_TRY(store::Repository<Farm>::insert(m_m, f));
        FarmInfo info;
        info.id = f.id;
        info.code = f.name.left(3).toUpper();
        m_farms.push_back(std::move(info));
    }
    {
        auto st = m_m.db().prepare("SELECT id, lid FROM farms");
        if (!st.ok())
            return st.error();
        AGRO_TRY(st->forEachRow([&] {
            for (auto &f : m_farms)
                if (f.id == st->text(0))
                    f.lid = st->int64(1);
        }));
    }

    struct Person {
        const char *user;
        const char *display;
        const char *role;
    };
    static const Person people[] = {
        {"demo.owner", "Alex Morgan (demo owner)", "owner"},
        {"demo.manager", "Sam Keller (demo manager)", "manager"},
        {"demo.agronomist", "Ruth Adler (demo agronomist)", "agronomist"},
        {"demo.inspector1", "Jonas Weber (demo inspector)", "inspector"},
        {"demo.inspector2", "Lea Fischer (demo inspector)", "inspector"},
        {"demo.viewer", "Chris Baker (demo viewer)", "viewer"}};
    for (const Person &p : people) {
        User u;
        u.id = m_m.newId();
        u.username = QString::fromLatin1(p.user);
        u.displayName = QString::fromUtf8(p.display);
        AGRO_TRY(store::Repository<User>::insert(m_m, u));
        if (QLatin1String(p.role) == QLatin1String("owner"))
            m_ownerId = u.id;
        if (QLatin1String(p.role) == QLatin1String("inspector"))
            m_inspectors.push_back(u.username);
        for (const auto &f : m_farms) {
            Membership ms{m_m.newId(), u.id, f.id, QString::fromLatin1(p.role)};
            AGRO_TRY(store::Repository<Membership>::insert(m_m, ms));
        }
    }

    static const struct {
        const char *name;
        const char *kind;
    } categories[] = {{"Produce", "produce"},
                      {"Dairy", "dairy"},
                      {"Protein", "protein"},
                      {"Grains & pantry", "other"}};
    for (const auto &c : categories) {
        ProductCategory pc;
        pc.id = m_m.newId();
        pc.name = QString::fromLatin1(c.name);
        pc.kind = QString::fromLatin1(c.kind);
        AGRO_TRY(store::Repository<ProductCategory>::insert(m_m, pc));
        m_categories.push_back({pc.id, pc.kind});
    }
    return {};
}

Result<void> DemoBuilder::weather() {
    const int days = m_endDay - m_firstWeatherDay + 1;
    store::BulkBatches batches(m_m, QStringLiteral("weather_daily"), QStringLiteral("demo"));
    auto st = m_m.db().prepare("INSERT INTO weather_daily (farm, day, tmin_c, tmax_c, rain_mm, "
                               "batch) VALUES (?, ?, ?, ?, ?, ?)");
    if (!st.ok())
        return st.error();
    for (size_t f = 0; f < m_farms.size(); ++f) {
        analytics::Rng rng = m_rng.fork(1000 + f);
        m_farms[f].weather = analytics::simulateWeather(
            rng, m_firstWeatherDay, days, rng.uniform(-1.5, 1.5), rng.uniform(0.8, 1.2));
        for (int i = 0; i < days; ++i) {
            auto batch = batches.batchFor(m_farms[f].lid, m_farms[f].id);
            if (!batch.ok())
                return batch.error();
            const auto &w = m_farms[f].weather[size_t(i)];
            st->bind(1, m_farms[f].lid);
            st->bind(2, std::int64_t(m_firstWeatherDay + i));
            st->bind(3, std::round(w.tminC * 10) / 10);
            st->bind(4, std::round(w.tmaxC * 10) / 10);
            st->bind(5, std::round(w.rainMm * 10) / 10);
            st->bind(6, batch.value());
            AGRO_TRY(st->run());
        }
    }
    return batches.finish();
}

Result<DemoSummary> generateDemo(const QString &path, const DemoOptions &options,
                                 Progress *progress) {
    if (QFileInfo::exists(path)) {
        Error e = Error::make(ErrorCode::Io, QStringLiteral("file already exists"));
        e.file = path;
        return e;
    }
    const QString tmp = path + QStringLiteral(".partial");
    QFile::remove(tmp);
    QFile::remove(tmp + QStringLiteral("-wal"));
    QFile::remove(tmp + QStringLiteral("-shm"));
    struct Cleanup {
        QString file;
        bool keep = false;
        ~Cleanup() {
            if (!keep) {
                QFile::remove(file);
                QFile::remove(file + QStringLiteral("-wal"));
                QFile::remove(file + QStringLiteral("-shm"));
            }
        }
    } cleanup{tmp};

    auto created = store::Workspace::create(tmp, options.seed);
    if (!created.ok())
        return created.error();
    DemoSummary summary;
    {
        auto db = store::Connection::open(tmp);
        if (!db.ok())
            return db.error();
        // A fresh file that is deleted on failure needs no journal: write it at full speed.
        // Foreign keys are not enforced while generating: every reference is made from rows
        // the generator just wrote (tst_demogenerator runs foreign_key_check on the result).
        AGRO_TRY(db->exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; "
                          "PRAGMA cache_size=-65536; PRAGMA foreign_keys=OFF;"));
        store::Mutator::Options mo;
        const std::int64_t wallMs =
            std::int64_t(daysFromCivil(options.endDate.year(), options.endDate.month(),
                                       options.endDate.day())) *
                86400000 +
            18 * 3600000;
        mo.wall = [wallMs] { return wallMs; };
        mo.idSeed = options.seed ^ 0x5eed5eed5eed5eedULL;
        auto m = store::Mutator::begin(db.value(), mo);
        if (!m.ok())
            return m.error();
        DemoBuilder b(m.value(), options, progress);
        AGRO_TRY(b.farmsAndPeople());
        AGRO_TRY(b.weather());
        AGRO_TRY(b.fieldsAndSeasons());
        AGRO_TRY(b.productsAndSales());
        AGRO_TRY(b.sensorsAndReadings());
        AGRO_TRY(b.qualityControl());
        if (progress && progress->isCancelled())
            return Error::make(ErrorCode::Cancelled);
        AGRO_TRY(store::Workspace::setMeta(db.value(), QStringLiteral("demo_preset"),
                                           options.preset.name));
        AGRO_TRY(store::Workspace::setMeta(db.value(), QStringLiteral("demo_seed"),
                                           QString::number(options.seed)));
        AGRO_TRY(store::Workspace::setMeta(db.value(), QStringLiteral("demo_end_date"),
                                           options.endDate.toString(Qt::ISODate)));
        AGRO_TRY(m->commit());
        summary = b.summary;
        // The inbox comes from the real detectors over the committed data (demoalerts.cpp),
        // which read it on several connections: WAL from here on.
        AGRO_TRY(db->exec("ANALYZE; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"));
        store::Mutator::Options ao = mo;
        ao.idSeed = options.seed ^ 0xa1e27a1e27ULL;
        auto am = store::Mutator::begin(db.value(), ao);
        if (!am.ok())
            return am.error();
        auto alerts = demoAlerts(am.value(), wallMs / 1000, options.seed);
        if (!alerts.ok())
            return alerts.error();
        summary.alerts = alerts.value();
        AGRO_TRY(am->commit());
        AGRO_TRY(db->exec("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    if (!QFile::rename(tmp, path)) {
        Error e = Error::make(ErrorCode::Io, QStringLiteral("cannot rename the finished file"));
        e.file = path;
        return e;
    }
    QFile::remove(tmp + QStringLiteral("-wal"));
    QFile::remove(tmp + QStringLiteral("-shm"));
    cleanup.keep = true;
    if (progress)
        progress->done.store(progress->total.load());
    qCInfo(lcDemo) << "demo workspace" << path << "preset" << options.preset.name << "sales"
                   << summary.salesRows << "readings" << summary.sensorReadings;
    return summary;
}

} // namespace agro::demo

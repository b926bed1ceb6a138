#include "dashboardreader.h"

#include "analytics/calendar.h"
#include "analytics/kpi.h"

#include <array>

namespace agro::store {

using namespace agro::domain;

namespace {
std::int64_t dayNumber(const QDate &d) {
    return analytics::daysFromCivil(d.year(), d.month(), d.day());
}
QDate fromDayNumber(std::int64_t day) {
    return QDate(1970, 1, 1).addDays(day);
}
} // namespace

Result<std::vector<FarmSummary>> DashboardReader::farms(Connection &db) {
    auto st = db.prepare("SELECT id, name, currency FROM farms ORDER BY name, lid");
    if (!st.ok())
        return st.error();
    std::vector<FarmSummary> out;
    AGRO_TRY(st->forEachRow([&] { out.push_back({st->text(0), st->text(1), st->text(2)}); }));
    return out;
}

Result<DataRange> DashboardReader::salesRange(Connection &db) {
    auto st = db.prepare("SELECT min(day), max(day) FROM sales_farm_daily");
    if (!st.ok())
        return st.error();
    auto row = st->step();
    if (!row.ok())
        return row.error();
    DataRange r;
    if (row.value() && !st->isNull(0)) {
        r.firstSale = fromDayNumber(st->int64(0));
        r.lastSale = fromDayNumber(st->int64(1));
    }
    return r;
}

Result<DashboardData> DashboardReader::load(Connection &db, const DashboardQuery &q) {
    if (!q.from.isValid() || !q.to.isValid() || q.to < q.from)
        return Error::make(ErrorCode::InvalidArgument, QStringLiteral("period"));
    DashboardData d;
    d.query = q;
    const std::int64_t from = dayNumber(q.from);
    const std::int64_t to = dayNumber(q.to);
    const bool allFarms = q.farmId.isEmpty();
    // One snapshot for all figures, so they agree with each other while imports run.
    AGRO_TRY(db.exec("BEGIN"));
    struct EndRead {
        Connection &db;
        ~EndRead() { (void)db.exec("COMMIT"); }
    } endRead{db};

    {
        auto st = db.prepare("SELECT count(DISTINCT currency), min(currency) FROM farms "
                             "WHERE ?1 IS NULL OR id = ?1");
        if (!st.ok())
            return st.error();
        st->bind(1, allFarms ? QString() : q.farmId);
        auto row = st->step();
        if (!row.ok())
            return row.error();
        if (st->int64(0) == 0 && !allFarms)
            return Error::make(ErrorCode::NotFound, q.farmId);
        d.currency = st->int64(0) == 1 ? st->text(1) : QString();
    }
    // Trend buckets: daily up to ~4 months, weekly up to ~2 years, then 30-day buckets.
    const std::int64_t span = to - from + 1;
    d.bucketDays = span <= 120 ? 1 : span <= 730 ? 7 : 30;
    {
        auto st = db.prepare(
            "SELECT (s.day - ?1) / ?3, sum(s.units), sum(s.revenue) FROM sales_farm_daily s "
            "JOIN farms f ON f.lid = s.farm WHERE s.day BETWEEN ?1 AND ?2 "
            "AND (?4 IS NULL OR f.id = ?4) GROUP BY 1 ORDER BY 1");
        if (!st.ok())
            return st.error();
        st->bind(1, from);
        st->bind(2, to);
        st->bind(3, std::int64_t(d.bucketDays));
        st->bind(4, allFarms ? QString() : q.farmId);
        const std::int64_t buckets = (span + d.bucketDays - 1) / d.bucketDays;
        d.trend.resize(size_t(buckets));
        for (std::int64_t b = 0; b < buckets; ++b) {
            d.trend[size_t(b)].start = fromDayNumber(from + b * d.bucketDays);
            d.trend[size_t(b)].days =
                int(std::min<std::int64_t>(d.bucketDays, span - b * d.bucketDays));
        }
        AGRO_TRY(st->forEachRow([&] {
            const auto b = size_t(st->int64(0));
            d.trend[b].units = st->real(1);
            d.trend[b].revenue = st->real(2);
            d.unitsSold += st->real(1);
            d.revenue += st->real(2);
        }));
    }
    {
        auto st = db.prepare("SELECT category, sum(amount) FROM cost_entries "
                             "WHERE incurred_on BETWEEN ?1 AND ?2 AND (?3 IS NULL OR farm_id = ?3) "
                             "GROUP BY category");
        if (!st.ok())
            return st.error();
        st->bind(1, q.from.toString(Qt::ISODate));
        st->bind(2, q.to.toString(Qt::ISODate));
        st->bind(3, allFarms ? QString() : q.farmId);
        std::array<double, kCostCategories.size()> sums{};
        AGRO_TRY(st->forEachRow([&] {
            const auto cat = costCategoryFromKey(st->utf8(0)).value_or(CostCategory::Other);
            sums[size_t(cat)] += st->real(1);
            d.costs += st->real(1);
        }));
        for (CostCategory c : kCostCategories)
            d.costsByCategory.emplace_back(c, sums[size_t(c)]);
    }
    d.grossMargin = analytics::grossMargin(d.revenue, d.costs);
    d.grossMarginRatio = analytics::grossMarginRatio(d.revenue, d.costs);
    {
        auto st = db.prepare("SELECT count(DISTINCT s.product) FROM sales_daily s "
                             "JOIN products p ON p.lid = s.product "
                             "WHERE s.stockout = 1 AND s.day BETWEEN ?1 AND ?2 "
                             "AND (?3 IS NULL OR p.farm_id = ?3)");
        if (!st.ok())
            return st.error();
        st->bind(1, to - 29);
        st->bind(2, to);
        st->bind(3, allFarms ? QString() : q.farmId);
        auto row = st->step();
        if (!row.ok())
            return row.error();
        d.stockoutProducts = int(st->int64(0));
    }
    {
        auto st = db.prepare("SELECT count(*) FROM alerts WHERE status <> 'resolved' "
                             "AND (?1 IS NULL OR farm_id = ?1)");
        if (!st.ok())
            return st.error();
        st->bind(1, allFarms ? QString() : q.farmId);
        auto row = st->step();
        if (!row.ok())
            return row.error();
        d.openAlerts = int(st->int64(0));
    }
    return d;
}

} // namespace agro::store

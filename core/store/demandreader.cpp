#include "demandreader.h"

#include <cmath>

namespace agro::store {

namespace {

constexpr const char *kDailySql =
    "SELECT product, day, sum(quantity), sum(quantity * price), sum(price), count(*), "
    "max(promotion), max(stockout) FROM sales_daily ";

/// Appends one aggregated row (the current row of `st`) to `s`, filling skipped days with 0.
void appendRow(Statement &st, DemandSeries &s) {
    const auto day = static_cast<std::int32_t>(st.int64(1));
    if (s.quantity.empty())
        s.firstDay = day;
    const auto index = static_cast<std::size_t>(day - s.firstDay);
    if (index >= s.quantity.size()) {
        s.quantity.resize(index + 1, 0.0);
        s.price.resize(index + 1, std::nan(""));
        s.promotion.resize(index + 1, 0);
    }
    const double qty = st.real(2);
    const bool stockout = st.int64(7) != 0;
    s.quantity[index] = stockout ? std::nan("") : qty;
    // Average price paid, or the plain mean of the channels' prices on a day without units.
    s.price[index] = qty > 0 ? st.real(3) / qty : st.real(4) / static_cast<double>(st.int64(5));
    s.promotion[index] = st.int64(6) != 0 ? 1 : 0;
}

void extendTo(DemandSeries &s, std::int32_t lastDay) {
    if (s.quantity.empty())
        return;
    const auto len = static_cast<std::size_t>(lastDay - s.firstDay + 1);
    if (len > s.quantity.size()) {
        s.quantity.resize(len, 0.0);
        s.price.resize(len, std::nan(""));
        s.promotion.resize(len, 0);
    }
}

} // namespace

Result<std::vector<DemandProduct>> DemandReader::products(Connection &db, const QString &idOrSku) {
    auto last = lastSalesDay(db);
    if (!last.ok())
        return last.error();
    auto st = db.prepare(
        "SELECT p.lid, p.id, p.sku, p.name, coalesce(c.name, ''), p.farm_id, f.name, f.lid, "
        "p.unit, p.price, p.active, "
        "(SELECT coalesce(sum(s.quantity), 0) FROM sales_daily s "
        "  WHERE s.product = p.lid AND s.day > ?1 - 90 AND s.day <= ?1), "
        "p.unit_cost, p.lead_time_days, p.ordering_cost, p.holding_cost_rate, p.pack_size, "
        "p.min_order_qty "
        "FROM products p JOIN farms f ON f.id = p.farm_id "
        "LEFT JOIN product_categories c ON c.id = p.category_id "
        "WHERE EXISTS (SELECT 1 FROM sales_daily s WHERE s.product = p.lid) "
        "AND (?2 = '' OR p.id = ?2 OR p.sku = ?2) "
        "ORDER BY p.sku");
    if (!st.ok())
        return st.error();
    st->bind(1, static_cast<std::int64_t>(last.value()));
    st->bind(2, idOrSku.isNull() ? QStringLiteral("") : idOrSku);
    std::vector<DemandProduct> out;
    AGRO_TRY(st->forEachRow([&] {
        DemandProduct p;
        p.lid = st->int64(0);
        p.id = st->text(1);
        p.sku = st->text(2);
        p.name = st->text(3);
        p.category = st->text(4);
        p.farmId = st->text(5);
        p.farmName = st->text(6);
        p.farmLid = st->int64(7);
        p.unit = st->text(8);
        p.price = st->real(9);
        p.active = st->int64(10) != 0;
        p.recentUnitsPerDay = st->real(11) / 90.0;
        p.unitCost = st->real(12);
        p.leadTimeDays = static_cast<int>(st->int64(13));
        p.orderingCost = st->real(14);
        p.holdingRate = st->real(15);
        p.packSize = st->real(16);
        p.minOrderQty = st->real(17);
        out.push_back(std::move(p));
    }));
    return out;
}

Result<std::int32_t> DemandReader::lastSalesDay(Connection &db) {
    auto v = db.scalar("SELECT max(day) FROM sales_farm_daily");
    if (!v.ok())
        return v.error();
    return v->isNull() ? -1 : static_cast<std::int32_t>(v->toLongLong());
}

Result<DemandSeries> DemandReader::series(Connection &db, std::int64_t productLid,
                                          std::int32_t lastDay) {
    auto st = db.prepare(std::string(kDailySql) +
                         "WHERE product = ?1 AND day <= ?2 GROUP BY product, day ORDER BY day");
    if (!st.ok())
        return st.error();
    st->bind(1, productLid);
    st->bind(2, static_cast<std::int64_t>(lastDay));
    DemandSeries s;
    AGRO_TRY(st->forEachRow([&] { appendRow(*st, s); }));
    extendTo(s, lastDay);
    return s;
}

Result<void>
DemandReader::forEachSeries(Connection &db, std::int32_t lastDay,
                            const std::function<bool(std::int64_t, DemandSeries &&)> &onSeries) {
    auto st = db.prepare(std::string(kDailySql) +
                         "WHERE day <= ?1 GROUP BY product, day ORDER BY product, day");
    if (!st.ok())
        return st.error();
    st->bind(1, static_cast<std::int64_t>(lastDay));
    DemandSeries current;
    std::int64_t currentLid = -1;
    bool stopped = false;
    AGRO_TRY(st->forEachRow([&] {
        if (stopped)
            return;
        const std::int64_t lid = st->int64(0);
        if (lid != currentLid) {
            if (currentLid >= 0) {
                extendTo(current, lastDay);
                stopped = !onSeries(currentLid, std::move(current));
            }
            current = DemandSeries{};
            currentLid = lid;
        }
        appendRow(*st, current);
    }));
    if (!stopped && currentLid >= 0) {
        extendTo(current, lastDay);
        onSeries(currentLid, std::move(current));
    }
    return {};
}

Result<std::unordered_map<std::int64_t, std::vector<double>>>
DemandReader::maxTemperatures(Connection &db, std::int32_t first, std::int32_t last) {
    std::unordered_map<std::int64_t, std::vector<double>> out;
    if (last < first)
        return out;
    auto st = db.prepare("SELECT farm, day, tmax_c FROM weather_daily "
                         "WHERE day BETWEEN ?1 AND ?2 AND tmax_c IS NOT NULL");
    if (!st.ok())
        return st.error();
    st->bind(1, static_cast<std::int64_t>(first));
    st->bind(2, static_cast<std::int64_t>(last));
    const auto len = static_cast<std::size_t>(last - first + 1);
    AGRO_TRY(st->forEachRow([&] {
        auto &v = out[st->int64(0)];
        if (v.empty())
            v.assign(len, std::nan(""));
        v[static_cast<std::size_t>(st->int64(1) - first)] = st->real(2);
    }));
    return out;
}

} // namespace agro::store

#include "analytics/calendar.h"
#include "analytics/holidays.h"
#include "demobuilder.h"
#include "store/bulkbatches.h"
#include "store/repository.h"
#include "store/salesbulkwriter.h"

#include <QHash>

#include <cmath>
#include <deque>

namespace agro::demo {

using namespace agro::domain;

namespace {
struct ItemSpec {
    const char *name;
    size_t category; ///< index into the demo categories: 0 produce, 1 dairy, 2 protein, 3 other
    double price;    ///< EUR per unit
    int peakDoy;     ///< day of year of peak demand
    double seasonality;
    double heat;    ///< weather sensitivity per °C above 20
    double holiday; ///< holiday uplift
    int shelfLife;  ///< days
};
constexpr ItemSpec kItems[] = {{"Vine tomatoes", 0, 2.9, 215, 0.45, 0.02, 1.0, 9},
                               {"Iceberg lettuce", 0, 1.2, 190, 0.40, 0.04, 1.0, 7},
                               {"Potatoes", 0, 2.4, 320, 0.15, 0.0, 1.3, 60},
                               {"Onions", 0, 1.6, 300, 0.10, 0.0, 1.1, 90},
                               {"Carrots", 0, 1.4, 300, 0.15, 0.0, 1.3, 28},
                               {"Apples", 0, 3.2, 280, 0.30, 0.0, 1.1, 60},
                               {"Strawberries", 0, 4.5, 165, 0.80, 0.05, 1.0, 5},
                               {"Cucumbers", 0, 0.9, 200, 0.35, 0.03, 1.0, 10},
                               {"Sweet peppers", 0, 2.5, 220, 0.30, 0.02, 1.0, 12},
                               {"Courgettes", 0, 1.9, 210, 0.45, 0.0, 1.0, 10},
                               {"White cabbage", 0, 1.3, 330, 0.30, 0.0, 1.2, 45},
                               {"Leeks", 0, 2.1, 340, 0.35, 0.0, 1.2, 21},
                               {"Melons", 0, 2.8, 205, 0.85, 0.06, 1.0, 12},
                               {"Whole milk", 1, 1.1, 30, 0.05, 0.0, 1.2, 10},
                               {"Natural yoghurt", 1, 1.6, 190, 0.10, 0.01, 1.1, 21},
                               {"Butter", 1, 2.9, 350, 0.20, 0.0, 1.6, 60},
                               {"Double cream", 1, 1.9, 355, 0.35, 0.0, 2.0, 14},
                               {"Mature cheddar", 1, 4.8, 350, 0.15, 0.0, 1.5, 90},
                               {"Ice cream", 1, 4.2, 205, 0.70, 0.08, 1.0, 180},
                               {"Free-range eggs", 2, 3.1, 95, 0.15, 0.0, 1.7, 28},
                               {"Chicken breast", 2, 7.5, 200, 0.10, 0.02, 1.1, 8},
                               {"Beef mince", 2, 8.9, 200, 0.10, 0.02, 1.2, 7},
                               {"Pork sausages", 2, 5.5, 200, 0.30, 0.05, 1.3, 10},
                               {"Lamb leg", 2, 14.0, 100, 0.25, 0.0, 2.5, 12},
                               {"Smoked ham", 2, 6.9, 355, 0.20, 0.0, 1.8, 30},
                               {"Wholemeal flour", 3, 1.8, 340, 0.20, 0.0, 1.4, 270},
                               {"Oat flakes", 3, 2.2, 20, 0.15, 0.0, 1.0, 300},
                               {"Sourdough bread", 3, 3.6, 200, 0.05, 0.0, 1.3, 4},
                               {"Rapeseed oil", 3, 4.9, 200, 0.05, 0.0, 1.1, 365},
                               {"Wildflower honey", 3, 7.9, 345, 0.30, 0.0, 1.6, 720},
                               {"Sunflower seeds", 3, 2.6, 200, 0.05, 0.0, 1.0, 240}};
constexpr const char *kSizes[] = {"250 g", "500 g", "1 kg", "pack of 6", "1 l", "2 kg"};
constexpr double kSizeFactor[] = {0.6, 1.0, 1.8, 1.0, 1.0, 3.2};
// Mass per unit of each size; a pack of six heads or fruit is taken as 3 kg.
constexpr double kSizeKg[] = {0.25, 0.5, 1.0, 3.0, 1.0, 2.0};
// Shop-floor weekly pattern, Monday … Sunday (mean 1).
constexpr std::array<double, 7> kWeekly{0.86, 0.84, 0.90, 0.96, 1.14, 1.36, 0.94};

struct Order {
    std::int32_t arrives;
    double quantity;
};
} // namespace

Result<void> DemoBuilder::productsAndSales() {
    const std::int32_t salesStart = m_endDay - m_o.preset.salesDays + 1;
    struct Sim {
        analytics::DemandProfile profile;
        double listPrice = 0;
        std::int32_t start = 0;
        std::vector<std::pair<std::int32_t, double>> promotions; ///< start day, discount
        int leadTime = 7;
        double packSize = 1;
    };
    std::vector<Sim> sims;
    for (int i = 0; i < m_o.preset.products; ++i) {
        analytics::Rng rng = m_rng.fork(20000 + std::uint64_t(i));
        const ItemSpec &item = kItems[size_t(rng.uniformInt(0, std::size(kItems) - 1))];
        const size_t size = size_t(rng.uniformInt(0, std::size(kSizes) - 1));
        const bool organic = rng.bernoulli(0.25);
        Product p;
        p.id = m_m.newId();
        const size_t farm = size_t(i) % m_farms.size();
        p.farmId = m_farms[farm].id;
        p.sku = QStringLiteral("DEMO-%1").arg(i + 1, 5, 10, QLatin1Char('0'));
        p.name = QStringLiteral("%1 %2%3").arg(QString::fromLatin1(item.name),
                                               QString::fromLatin1(kSizes[size]),
                                               organic ? QStringLiteral(", organic") : QString());
        p.categoryId = m_categories[item.category].id;
        p.unit = QStringLiteral("each");
        p.price = std::round(item.price * kSizeFactor[size] * (organic ? 1.35 : 1.0) *
                             rng.uniform(0.9, 1.1) * 100) /
                  100;
        p.unitCost = std::round(p.price * rng.uniform(0.45, 0.72) * 100) / 100;
        p.leadTimeDays = int(rng.uniformInt(2, 14));
        p.orderingCost = std::round(rng.uniform(15, 80));
        p.holdingCostRate = std::round(rng.uniform(0.15, 0.30) * 100) / 100;
        static constexpr double packs[] = {1, 6, 12, 24};
        p.packSize = packs[rng.uniformInt(0, 3)];
        p.minOrderQty = p.packSize * double(rng.uniformInt(1, 4));
        p.shelfLifeDays = item.shelfLife;
        AGRO_TRY(store::Repository<Product>::insert(m_m, p));
        m_products.push_back({p.id, 0, farm, item.category, item.shelfLife,
                              QString::fromLatin1(item.name), kSizeKg[size]});

        Sim s;
        s.listPrice = p.price;
        s.leadTime = p.leadTimeDays;
        s.packSize = p.packSize;
        // A fifth of the range are slow, intermittent movers (Syntetos–Boylan "lumpy" and
        // "intermittent" classes); the rest are smooth with a log-normal spread of volume.
        const bool slow = rng.bernoulli(0.2);
        auto &d = s.profile;
        d.baseLevel = slow ? rng.uniform(0.3, 2.0)
                           : std::clamp(std::exp(rng.normal(std::log(12.0), 0.9)), 1.0, 250.0);
        d.zeroProbability = slow ? rng.uniform(0.55, 0.9) : 0.0;
        d.trendPerYear = rng.normal(0.03, 0.08);
        d.weekly = kWeekly;
        d.yearlyAmplitude = item.seasonality * rng.uniform(0.7, 1.2);
        d.yearlyPeakDoy = item.peakDoy;
        d.priceElasticity = -rng.uniform(1.2, 2.8);
        d.holidayUplift = item.holiday;
        d.heatSensitivity = item.heat;
        d.dispersion = slow ? 1.5 : rng.uniform(4, 20);
        // One product in ten is introduced during the history.
        s.start =
            rng.bernoulli(0.1)
                ? salesStart + int(rng.uniformInt(30, std::max(60, m_o.preset.salesDays * 2 / 3)))
                : salesStart;
        if (!slow) {
            for (std::int32_t day = s.start + int(rng.uniformInt(10, 60)); day < m_endDay;
                 day += int(rng.uniformInt(50, 90)))
                s.promotions.emplace_back(day, std::round(rng.uniform(0.1, 0.3) * 100) / 100);
        }
        sims.push_back(std::move(s));
    }
    {
        QHash<QString, std::int64_t> lids;
        auto st = m_m.db().prepare("SELECT id, lid FROM products");
        if (!st.ok())
            return st.error();
        AGRO_TRY(st->forEachRow([&] { lids.insert(st->text(0), st->int64(1)); }));
        for (auto &p : m_products)
            p.lid = lids.value(p.id);
    }

    auto writer = store::SalesBulkWriter::create(m_m, QStringLiteral("demo"));
    if (!writer.ok())
        return writer.error();
    store::BulkBatches movementBatches(m_m, QStringLiteral("stock_movements"),
                                       QStringLiteral("demo"));
    auto moveSt = m_m.db().prepare("INSERT INTO stock_movements (id, product, day, kind, quantity, "
                                   "note, batch) VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!moveSt.ok())
        return moveSt.error();
    auto addMovement = [&](const ProductInfo &p, std::int32_t day, const char *kind, double qty,
                           const char *note) -> Result<void> {
        auto batch = movementBatches.batchFor(m_farms[p.farm].lid, m_farms[p.farm].id);
        if (!batch.ok())
            return batch.error();
        moveSt->bind(1, m_m.newId());
        moveSt->bind(2, p.lid);
        moveSt->bind(3, std::int64_t(day));
        moveSt->bindUtf8(4, kind);
        moveSt->bind(5, qty);
        moveSt->bindUtf8(6, note);
        moveSt->bind(7, batch.value());
        return moveSt->run();
    };

    for (size_t i = 0; i < m_products.size(); ++i) {
        const ProductInfo &p = m_products[i];
        const Sim &s = sims[i];
        analytics::Rng rng = m_rng.fork(30000 + i);
        // Inventory: the reorder-point policy the shop really ran — level estimated by simple
        // exponential smoothing of demand, safety stock for ~95 % cycle service — with supplier
        // delays now and then: the source of the stock-outs in the history.
        double level = s.profile.baseLevel;
        double onHand = std::ceil(level * (s.leadTime + 7));
        std::deque<Order> onOrder;
        AGRO_TRY(addMovement(p, s.start, "adjustment", onHand, "opening stock"));
        size_t promo = 0;
        double price = s.listPrice;
        for (std::int32_t day = s.start; day <= m_endDay; ++day) {
            const auto civil = analytics::civilFromDays(day);
            if (civil.month == 1 && civil.day == 1 && day != s.start)
                price =
                    std::round(price * rng.uniform(1.02, 1.06) * 100) / 100; // yearly list price
            while (promo < s.promotions.size() && s.promotions[promo].first + 7 <= day)
                ++promo;
            const bool onPromotion = promo < s.promotions.size() &&
                                     day >= s.promotions[promo].first &&
                                     day < s.promotions[promo].first + 7;
            const double dayPrice =
                onPromotion ? std::round(price * (1 - s.promotions[promo].second) * 100) / 100
                            : price;
            const bool holiday = analytics::isGenericHoliday(day) ||
                                 analytics::isGenericHoliday(day + 1) ||
                                 analytics::isGenericHoliday(day + 2);
            const double expected = analytics::expectedDemand(
                s.profile, day, s.start, dayPrice / price, holiday, weatherOn(p.farm, day).tmaxC);
            const double demand = double(analytics::sampleDemand(rng, s.profile, expected));

            // Delayed orders can arrive after later ones: check every open order.
            for (auto it = onOrder.begin(); it != onOrder.end();) {
                if (it->arrives > day) {
                    ++it;
                    continue;
                }
                onHand += it->quantity;
                AGRO_TRY(addMovement(p, day, "receipt", it->quantity, ""));
                it = onOrder.erase(it);
            }
            const double sold = std::min(demand, onHand);
            const bool stockout = demand > onHand;
            onHand -= sold;
            store::SaleRow row;
            row.productLid = p.lid;
            row.day = day;
            row.quantity = sold;
            row.price = dayPrice;
            row.promotion = onPromotion;
            row.stockout = stockout;
            AGRO_TRY(writer->add(row, m_farms[p.farm].lid, m_farms[p.farm].id));
            ++summary.salesRows;

            level = 0.92 * level + 0.08 * demand;
            const double leadDemand = level * s.leadTime;
            const double reorderPoint = leadDemand * 1.1 + 1.65 * std::sqrt(leadDemand + 1.0) + 1;
            const double orderQty = std::max(std::ceil(level * 14 / s.packSize), 1.0) * s.packSize;
            double position = onHand;
            for (const Order &o : onOrder)
                position += o.quantity;
            if (position <= reorderPoint) {
                int lead = s.leadTime;
                if (rng.bernoulli(0.12))
                    lead += int(std::ceil(lead * rng.uniform(0.5, 1.5))); // supplier delay
                onOrder.push_back({day + lead, orderQty});
            }
        }
        advance(m_endDay - s.start + 1);
        if (cancelled())
            return Error::make(ErrorCode::Cancelled);
    }
    auto rows = writer->finish();
    if (!rows.ok())
        return rows.error();
    return movementBatches.finish();
}

} // namespace agro::demo

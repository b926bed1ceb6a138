#include "financereader.h"

#include "domain/costs.h"

#include <QHash>

namespace agro::store {

using namespace agro::domain;

Result<FinanceData> FinanceReader::load(Connection &db, const FinanceQuery &q) {
    FinanceData out;
    AGRO_TRY(db.exec("BEGIN")); // one snapshot for every query below
    struct EndRead {
        Connection &db;
        ~EndRead() { (void)db.exec("COMMIT"); }
    } endRead{db};

    const QString farm = q.farmId.isEmpty() ? QString() : q.farmId;
    const QString season = q.season.isEmpty() ? QString() : q.season;
    QHash<QString, size_t> index;
    struct SeasonSpan {
        QString farmId;
        QString start, end;
    };
    {
        auto st = db.prepare(
            "SELECT p.id, p.farm_id, f.name, p.field_id, fl.name, p.crop_id, c.name, p.season_id, "
            "s.name, f.currency, p.planted_area_ha, p.expected_yield_kg_ha, p.expected_price_kg, "
            "s.starts_on, s.ends_on FROM plantings p JOIN farms f ON f.id = p.farm_id "
            "JOIN fields fl ON fl.id = p.field_id JOIN crops c ON c.id = p.crop_id "
            "JOIN seasons s ON s.id = p.season_id "
            "WHERE (?1 IS NULL OR p.farm_id = ?1) AND (?2 IS NULL OR s.name = ?2 OR s.id = ?2) "
            "ORDER BY p.lid");
        if (!st.ok())
            return st.error();
        st->bind(1, farm);
        st->bind(2, season);
        AGRO_TRY(st->forEachRow([&] {
            PlantingAccount p;
            p.plantingId = st->text(0);
            p.farmId = st->text(1);
            p.farmName = st->text(2);
            p.fieldId = st->text(3);
            p.fieldName = st->text(4);
            p.cropId = st->text(5);
            p.cropName = st->text(6);
            p.seasonId = st->text(7);
            p.seasonName = st->text(8);
            p.currency = st->text(9);
            p.account.plantings = 1;
            p.account.areaHa = st->real(10);
            p.account.expectedYieldKg = st->real(11) * p.account.areaHa;
            p.account.expectedRevenue = p.account.expectedYieldKg * st->real(12);
            index.insert(p.plantingId, out.plantings.size());
            out.plantings.push_back(std::move(p));
        }));
    }
    // Price per kg of each planting, for revenue.
    QHash<QString, double> price;
    {
        auto st = db.prepare("SELECT id, expected_price_kg FROM plantings");
        if (!st.ok())
            return st.error();
        AGRO_TRY(st->forEachRow([&] { price.insert(st->text(0), st->real(1)); }));
    }
    {
        auto st = db.prepare("SELECT planting_id, category, sum(amount) FROM cost_entries "
                             "WHERE planting_id IS NOT NULL GROUP BY planting_id, category");
        if (!st.ok())
            return st.error();
        AGRO_TRY(st->forEachRow([&] {
            const auto it = index.constFind(st->text(0));
            if (it == index.constEnd())
                return;
            const auto cat = costCategoryFromKey(st->utf8(1)).value_or(CostCategory::Other);
            out.plantings[*it].account.costs[size_t(cat)] += st->real(2);
        }));
    }
    {
        auto st = db.prepare("SELECT planting_id, sum(quantity_kg), sum(rejected_kg) FROM "
                             "harvests GROUP BY planting_id");
        if (!st.ok())
            return st.error();
        AGRO_TRY(st->forEachRow([&] {
            const auto it = index.constFind(st->text(0));
            if (it == index.constEnd())
                return;
            auto &a = out.plantings[*it].account;
            a.harvestedKg = st->real(1);
            a.rejectedKg = st->real(2);
        }));
    }
    {
        // Quality losses: the planting's own lots that QC rejected or holds.
        auto st = db.prepare("SELECT planting_id, sum(CASE WHEN status = 'rejected' THEN "
                             "quantity_kg ELSE 0 END), sum(CASE WHEN status = 'held' THEN "
                             "quantity_kg ELSE 0 END) FROM lots WHERE planting_id IS NOT NULL AND "
                             "quantity_kg IS NOT NULL GROUP BY planting_id");
        if (!st.ok())
            return st.error();
        AGRO_TRY(st->forEachRow([&] {
            const auto it = index.constFind(st->text(0));
            if (it == index.constEnd())
                return;
            auto &a = out.plantings[*it].account;
            a.qcRejectedKg = st->real(1);
            a.qcHeldKg = st->real(2);
        }));
    }
    for (auto &p : out.plantings)
        p.account.revenue = p.account.sellableKg() * price.value(p.plantingId);
    // Farm-level costs: candidates are the farm's plantings (in this selection) whose season
    // spans the cost's date.
    QHash<QString, QList<QPair<QString, double>>> shares; // cost id → (planting, share)
    {
        auto st = db.prepare("SELECT cost_id, planting_id, share FROM cost_shares");
        if (!st.ok())
            return st.error();
        AGRO_TRY(st->forEachRow([&] { shares[st->text(0)].append({st->text(1), st->real(2)}); }));
    }
    std::vector<std::pair<size_t, SeasonSpan>> spans; // planting index → its season span
    {
        auto st = db.prepare("SELECT p.id, s.starts_on, s.ends_on FROM plantings p "
                             "JOIN seasons s ON s.id = p.season_id");
        if (!st.ok())
            return st.error();
        AGRO_TRY(st->forEachRow([&] {
            const auto it = index.constFind(st->text(0));
            if (it != index.constEnd())
                spans.push_back({*it, {out.plantings[*it].farmId, st->text(1), st->text(2)}});
        }));
    }
    {
        auto st = db.prepare("SELECT c.id, c.farm_id, c.category, c.amount, c.incurred_on, "
                             "c.allocation, f.currency FROM cost_entries c JOIN farms f ON "
                             "f.id = c.farm_id WHERE c.planting_id IS NULL AND "
                             "(?1 IS NULL OR c.farm_id = ?1) ORDER BY c.lid");
        if (!st.ok())
            return st.error();
        st->bind(1, farm);
        AGRO_TRY(st->forEachRow([&] {
            const QString costId = st->text(0), costFarm = st->text(1), date = st->text(4);
            const auto cat = size_t(costCategoryFromKey(st->utf8(2)).value_or(CostCategory::Other));
            const double amount = st->real(3);
            // Targets outside this selection (another season or farm filter) keep their part:
            // it is computed over all of them, then only the selected ones are booked.
            std::vector<std::ptrdiff_t> targets;
            std::vector<double> weights;
            if (st->text(5) == QLatin1String("shares") && shares.contains(costId)) {
                for (const auto &[planting, share] : shares.value(costId)) {
                    const auto it = index.constFind(planting);
                    targets.push_back(it == index.constEnd() ? -1 : std::ptrdiff_t(*it));
                    weights.push_back(share);
                }
            } else {
                for (const auto &[i, span] : spans) {
                    if (span.farmId == costFarm && span.start <= date && date <= span.end) {
                        targets.push_back(std::ptrdiff_t(i));
                        weights.push_back(out.plantings[i].account.areaHa);
                    }
                }
            }
            if (targets.empty()) {
                // Only a selection without a season filter reports costs nobody could take.
                if (season.isNull()) {
                    auto u = std::find_if(out.unallocated.begin(), out.unallocated.end(),
                                          [&](const auto &x) { return x.farmId == costFarm; });
                    if (u == out.unallocated.end()) {
                        out.unallocated.push_back({costFarm, st->text(6), {}});
                        u = out.unallocated.end() - 1;
                    }
                    u->costs[cat] += amount;
                }
                return;
            }
            const auto parts = analytics::allocateByShares(amount, weights);
            for (size_t k = 0; k < targets.size(); ++k)
                if (targets[k] >= 0)
                    out.plantings[size_t(targets[k])].account.costs[cat] += parts[k];
        }));
    }
    return out;
}

} // namespace agro::store

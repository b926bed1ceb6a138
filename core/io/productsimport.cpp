#include "importsink.h"
#include "lookups.h"
#include "store/repository.h"

#include <set>

namespace agro::io {

namespace {
enum Col {
    Sku,
    Name,
    Farm,
    Category,
    Unit,
    Price,
    UnitCost,
    LeadTime,
    OrderingCost,
    HoldingRate,
    PackSize,
    MinOrder,
    ShelfLife,
    Active
};

class ProductsSink final : public ImportSink {
public:
    Result<void> start(store::Mutator &m, const QString &) override {
        m_mutator = &m;
        auto farms = FarmLookup::load(m.db());
        if (!farms.ok())
            return farms.error();
        m_farms.emplace(std::move(farms).value());
        auto cats = store::Repository<domain::ProductCategory>::select(m.db());
        if (!cats.ok())
            return cats.error();
        for (const auto &c : cats.value())
            m_categories.insert(c.name, c.id);
        auto skus = m.db().prepare("SELECT sku FROM products");
        if (!skus.ok())
            return skus.error();
        AGRO_TRY(skus->forEachRow([&] { m_skus.insert(skus->text(0)); }));
        return {};
    }

    Result<void> row(const RowContext &row) override {
        domain::Product p;
        p.id = m_mutator->newId();
        p.sku = row.text(Sku);
        if (p.sku.isEmpty())
            return row.error(ErrorCode::CsvBadValue, Sku, QStringLiteral("empty"));
        if (!m_skus.insert(p.sku).second)
            return row.error(ErrorCode::CsvDuplicateKey, Sku, p.sku);
        p.name = row.text(Name);
        bool ambiguous = false;
        const FarmRef *farm = m_farms->find(row.text(Farm), &ambiguous);
        if (!farm)
            return row.error(ErrorCode::CsvUnknownReference, Farm,
                             row.text(Farm) + (ambiguous ? QStringLiteral(" (several farms have "
                                                                          "this name; use the id)")
                                                         : QString()));
        p.farmId = farm->id;
        if (row.has(Category)) {
            const QString name = row.text(Category);
            auto it = m_categories.constFind(name);
            if (it == m_categories.constEnd()) {
                // A new category name creates the category (kind "other"); its QC form is
                // defined later in the app.
                domain::ProductCategory c;
                c.id = m_mutator->newId();
                c.name = name;
                AGRO_TRY(store::Repository<domain::ProductCategory>::insert(*m_mutator, c));
                it = m_categories.insert(name, c.id);
            }
            p.categoryId = *it;
        }
        if (row.has(Unit))
            p.unit = row.text(Unit);
        auto num = [&](int col, double fallback, double min, double max,
                       double &out) -> Result<void> {
            auto v = row.numberOr(col, fallback, min, max);
            if (!v.ok())
                return v.error();
            out = v.value();
            return {};
        };
        AGRO_TRY(num(Price, 0, 0, 1e12, p.price));
        AGRO_TRY(num(UnitCost, 0, 0, 1e12, p.unitCost));
        double lead = p.leadTimeDays;
        AGRO_TRY(num(LeadTime, lead, 0, 3650, lead));
        p.leadTimeDays = int(lead);
        if (lead != double(p.leadTimeDays))
            return row.error(ErrorCode::CsvBadNumber, LeadTime, QStringLiteral("whole days"));
        AGRO_TRY(num(OrderingCost, 0, 0, 1e12, p.orderingCost));
        AGRO_TRY(num(HoldingRate, p.holdingCostRate, 0, 10, p.holdingCostRate));
        AGRO_TRY(num(PackSize, 1, 1e-9, 1e9, p.packSize));
        AGRO_TRY(num(MinOrder, 0, 0, 1e12, p.minOrderQty));
        if (row.has(ShelfLife)) {
            double life = 0;
            AGRO_TRY(num(ShelfLife, 0, 1, 36500, life));
            if (life != double(int(life)))
                return row.error(ErrorCode::CsvBadNumber, ShelfLife, QStringLiteral("whole days"));
            p.shelfLifeDays = int(life);
        }
        if (row.has(Active)) {
            auto a = row.flag(Active);
            if (!a.ok())
                return a.error();
            p.active = a.value();
        }
        AGRO_TRY(store::Repository<domain::Product>::insert(*m_mutator, p));
        ++m_rows;
        return {};
    }

    Result<std::int64_t> finish() override { return m_rows; }

private:
    store::Mutator *m_mutator = nullptr;
    std::optional<FarmLookup> m_farms;
    QHash<QString, QString> m_categories;
    std::set<QString> m_skus;
    std::int64_t m_rows = 0;
};
} // namespace

std::unique_ptr<ImportSink> makeProductsSink() {
    return std::make_unique<ProductsSink>();
}

} // namespace agro::io

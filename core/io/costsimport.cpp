#include "domain/units.h"
#include "importsink.h"
#include "lookups.h"
#include "store/repository.h"

namespace agro::io {

namespace {
enum Col { Id, Farm, Planting, Category, Amount, Currency, Date, Allocation, Description };

/// Maps a UNIQUE violation on the id to a located duplicate-key error.
Result<void> located(Result<void> r, const RowContext &row, int col) {
    if (r.ok())
        return r;
    if (r.error().code == ErrorCode::Constraint &&
        r.error().detail.contains(QLatin1String("UNIQUE")))
        return row.error(ErrorCode::CsvDuplicateKey, col, row.text(col));
    Error e = row.error(r.error().code, col, r.error().detail);
    return e;
}

class CostsSink final : public ImportSink {
public:
    Result<void> start(store::Mutator &m, const QString &) override {
        m_mutator = &m;
        auto farms = FarmLookup::load(m.db());
        if (!farms.ok())
            return farms.error();
        m_farms.emplace(std::move(farms).value());
        auto plantings = plantingFarms(m.db());
        if (!plantings.ok())
            return plantings.error();
        m_plantingFarm = std::move(plantings).value();
        return {};
    }

    Result<void> row(const RowContext &row) override {
        domain::CostEntry c;
        auto id = rowId(row, Id, *m_mutator);
        if (!id.ok())
            return id.error();
        c.id = id.value();
        bool ambiguous = false;
        const FarmRef *farm = m_farms->find(row.text(Farm), &ambiguous);
        if (!farm)
            return row.error(ErrorCode::CsvUnknownReference, Farm, row.text(Farm));
        c.farmId = farm->id;
        if (row.has(Planting)) {
            c.plantingId = row.text(Planting);
            const auto it = m_plantingFarm.constFind(c.plantingId);
            if (it == m_plantingFarm.constEnd())
                return row.error(ErrorCode::CsvUnknownReference, Planting, c.plantingId);
            if (*it != farm->id)
                return row.error(ErrorCode::CsvUnknownReference, Planting,
                                 QStringLiteral("planting belongs to another farm"));
        }
        const auto cat = domain::costCategoryFromKey(trimmed(row.raw(Category)));
        if (!cat)
            return row.error(ErrorCode::CsvBadValue, Category,
                             row.text(Category) +
                                 QStringLiteral(" (seeds, fertilizer, labor, equipment, "
                                                "irrigation, pesticides, other)"));
        c.category = *cat;
        auto amount = row.number(Amount, -1e12, 1e12);
        if (!amount.ok())
            return amount.error();
        c.amount = amount.value();
        c.currency = row.has(Currency) ? row.text(Currency).toUpper() : farm->currency;
        if (c.currency != farm->currency)
            return row.error(ErrorCode::CsvBadValue, Currency,
                             QStringLiteral("%1: the farm keeps its books in %2")
                                 .arg(c.currency, farm->currency));
        auto day = row.date(Date);
        if (!day.ok())
            return day.error();
        c.incurredOn = QDate(1970, 1, 1).addDays(day.value());
        if (row.has(Allocation)) {
            c.allocation = row.text(Allocation);
            if (c.allocation != QLatin1String("area") && c.allocation != QLatin1String("shares"))
                return row.error(ErrorCode::CsvBadValue, Allocation, c.allocation);
        }
        c.description = row.text(Description);
        AGRO_TRY(located(store::Repository<domain::CostEntry>::insert(*m_mutator, c), row, Id));
        ++m_rows;
        return {};
    }

    Result<std::int64_t> finish() override { return m_rows; }

private:
    store::Mutator *m_mutator = nullptr;
    std::optional<FarmLookup> m_farms;
    QHash<QString, QString> m_plantingFarm;
    std::int64_t m_rows = 0;
};

enum HCol { HId, HPlanting, HDate, HQuantity, HUnit, HRejected, HGrade };

class HarvestsSink final : public ImportSink {
public:
    Result<void> start(store::Mutator &m, const QString &) override {
        m_mutator = &m;
        auto plantings = plantingFarms(m.db());
        if (!plantings.ok())
            return plantings.error();
        m_plantingFarm = std::move(plantings).value();
        return {};
    }

    Result<void> row(const RowContext &row) override {
        domain::Harvest h;
        auto id = rowId(row, HId, *m_mutator);
        if (!id.ok())
            return id.error();
        h.id = id.value();
        h.plantingId = row.text(HPlanting);
        const auto farm = m_plantingFarm.constFind(h.plantingId);
        if (farm == m_plantingFarm.constEnd())
            return row.error(ErrorCode::CsvUnknownReference, HPlanting, h.plantingId);
        h.farmId = *farm;
        auto day = row.date(HDate);
        if (!day.ok())
            return day.error();
        h.harvestedOn = QDate(1970, 1, 1).addDays(day.value());
        const auto unitKey = row.has(HUnit) ? trimmed(row.raw(HUnit)) : std::string_view("kg");
        const auto unit = domain::massUnitFromKey(unitKey);
        if (!unit)
            return row.error(ErrorCode::CsvBadValue, HUnit,
                             row.text(HUnit) + QStringLiteral(" (kg, lb, t)"));
        h.enteredUnit = QString::fromLatin1(unitKey.data(), qsizetype(unitKey.size()));
        auto qty = row.number(HQuantity, 0, 1e12);
        if (!qty.ok())
            return qty.error();
        h.quantityKg = domain::toKilograms(qty.value(), *unit);
        auto rejected = row.numberOr(HRejected, 0, 0, qty.value());
        if (!rejected.ok())
            return rejected.error();
        h.rejectedKg = domain::toKilograms(rejected.value(), *unit);
        h.grade = row.text(HGrade);
        AGRO_TRY(located(store::Repository<domain::Harvest>::insert(*m_mutator, h), row, HId));
        ++m_rows;
        return {};
    }

    Result<std::int64_t> finish() override { return m_rows; }

private:
    store::Mutator *m_mutator = nullptr;
    QHash<QString, QString> m_plantingFarm;
    std::int64_t m_rows = 0;
};
} // namespace

std::unique_ptr<ImportSink> makeCostsSink() {
    return std::make_unique<CostsSink>();
}
std::unique_ptr<ImportSink> makeHarvestsSink() {
    return std::make_unique<HarvestsSink>();
}

} // namespace agro::io

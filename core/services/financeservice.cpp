#include "financeservice.h"

#include "store/dashboardreader.h"
#include "store/financereader.h"
#include "store/workspace.h"
#include "worker.h"

namespace agro::services {

QCoro::Task<Result<domain::FinanceData>> FinanceService::load(QString workspace,
                                                              domain::FinanceQuery q) {
    auto work = [workspace, q]() -> Result<domain::FinanceData> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        return store::FinanceReader::load(db.value(), q);
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<FinanceOptions>> FinanceService::options(QString workspace, QString farmId) {
    auto work = [workspace, farmId]() -> Result<FinanceOptions> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        FinanceOptions o;
        auto farms = store::DashboardReader::farms(db.value());
        if (!farms.ok())
            return farms.error();
        o.farms = std::move(farms).value();
        auto st = db->prepare("SELECT DISTINCT name FROM seasons WHERE ?1 IS NULL OR farm_id = ?1 "
                              "ORDER BY starts_on DESC, name DESC");
        if (!st.ok())
            return st.error();
        st->bind(1, farmId.isEmpty() ? QString() : farmId);
        AGRO_TRY(st->forEachRow([&] {
            if (!o.seasons.contains(st->text(0)))
                o.seasons << st->text(0);
        }));
        if (!farmId.isEmpty()) {
            auto units = db->prepare("SELECT area_unit, mass_unit FROM farms WHERE id = ?");
            if (!units.ok())
                return units.error();
            units->bind(1, farmId);
            auto row = units->step();
            if (!row.ok())
                return row.error();
            if (row.value()) {
                o.areaUnit = units->text(0);
                o.massUnit = units->text(1);
            }
        }
        return o;
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<std::vector<CostLine>>> FinanceService::costLines(QString workspace,
                                                                     QStringList plantingIds) {
    auto work = [workspace, plantingIds]() -> Result<std::vector<CostLine>> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        // The ids go in as a JSON array: one statement whatever the group's size.
        QStringList quoted;
        for (const QString &id : plantingIds)
            quoted << QStringLiteral("\"%1\"").arg(id);
        auto st = db->prepare(
            "SELECT c.id, c.incurred_on, c.category, c.amount, fl.name || ' · ' || cr.name || "
            "' · ' || s.name, c.description FROM cost_entries c JOIN plantings p ON p.id = "
            "c.planting_id JOIN fields fl ON fl.id = p.field_id JOIN crops cr ON cr.id = "
            "p.crop_id JOIN seasons s ON s.id = p.season_id WHERE c.planting_id IN (SELECT value "
            "FROM json_each(?)) ORDER BY c.incurred_on DESC, c.lid DESC");
        if (!st.ok())
            return st.error();
        st->bind(1, QStringLiteral("[") + quoted.join(QLatin1Char(',')) + QStringLiteral("]"));
        std::vector<CostLine> out;
        AGRO_TRY(st->forEachRow([&] {
            out.push_back(
                {st->text(0), QDate::fromString(st->text(1), Qt::ISODate),
                 domain::costCategoryFromKey(st->utf8(2)).value_or(domain::CostCategory::Other),
                 st->real(3), st->text(4), st->text(5)});
        }));
        return out;
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

} // namespace agro::services

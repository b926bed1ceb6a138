#pragma once

#include "bulkbatches.h"

#include <map>
#include <string_view>

namespace agro::store {

/// One day of sales of one product on one channel.
struct SaleRow {
    std::int64_t productLid = 0;
    std::int32_t day = 0; ///< days since 1970-01-01
    std::string_view channel = "store";
    double quantity = 0;
    double price = 0;
    bool promotion = false;
    bool stockout = false;
};

/// Appends rows to sales_daily inside a Mutator's transaction and keeps sales_farm_daily up
/// to date from the rows it writes (the dashboard never scans raw sales). A row whose key
/// (product, day, channel) already exists is refused with CsvDuplicateKey.
class SalesBulkWriter {
public:
    static Result<SalesBulkWriter> create(Mutator &m, const QString &source);

    /// `farmLid`/`farmId` are the product's farm (the caller has them from its SKU lookup).
    Result<void> add(const SaleRow &row, std::int64_t farmLid, const QString &farmId);
    /// Writes the aggregates and batch counts. Returns the number of rows written.
    Result<std::int64_t> finish();

private:
    SalesBulkWriter(Mutator &m, Statement insert, const QString &source);

    Mutator *m_mutator;
    Statement m_insert;
    BulkBatches m_batches;
    struct Totals {
        double units = 0;
        double revenue = 0;
    };
    std::map<std::pair<std::int64_t, std::int32_t>, Totals> m_daily;
    std::int64_t m_rows = 0;
};

} // namespace agro::store

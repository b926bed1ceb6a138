#pragma once

#include "mutator.h"

#include <map>

namespace agro::store {

/// Opens one bulk batch per farm on first use and records the row counts at the end, so that
/// a bulk write touching several farms is stamped per farm (sync filters by farm).
class BulkBatches {
public:
    BulkBatches(Mutator &m, QString table, QString source)
        : m_mutator(&m)
        , m_table(std::move(table))
        , m_source(std::move(source)) {}

    /// The batch lid for `rows` more rows of `farmLid`, opening the batch if needed.
    Result<std::int64_t> batchFor(std::int64_t farmLid, const QString &farmId,
                                  std::int64_t rows = 1) {
        auto it = m_batches.find(farmLid);
        if (it == m_batches.end()) {
            auto b = m_mutator->beginBulk(m_table, farmId, m_source);
            if (!b.ok())
                return b.error();
            it = m_batches.emplace(farmLid, Entry{b.value(), 0}).first;
        }
        it->second.rows += rows;
        return it->second.batch.lid;
    }

    Result<void> finish() {
        for (auto &[farm, e] : m_batches)
            AGRO_TRY(m_mutator->finishBulk(e.batch, e.rows));
        return {};
    }

private:
    struct Entry {
        Mutator::BulkBatch batch;
        std::int64_t rows = 0;
    };
    Mutator *m_mutator;
    QString m_table;
    QString m_source;
    std::map<std::int64_t, Entry> m_batches;
};

} // namespace agro::store

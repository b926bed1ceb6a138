#pragma once

#include "change.h"
#include "common/result.h"
#include "store/sqlite.h"

#include <QStringList>

namespace agro::sync {

/// A replica's change log as a feed: what a server hands out on pull. Entries in sequence
/// order after `cursor`, of the given farms (and of the shared catalogue when
/// `includeShared`), leaving out those written by `skipNode` (the puller's own, which it has).
struct FeedPage {
    Changes changes;
    std::int64_t cursor = 0; ///< the sequence number to ask after next time
    bool more = false;       ///< another page is waiting
};
Result<FeedPage> changesAfter(store::Connection &db, std::int64_t cursor, const QStringList &farms,
                              bool includeShared, const QString &skipNode, int limit);

/// The greatest sequence number in the log.
Result<std::int64_t> headSeq(store::Connection &db);

} // namespace agro::sync

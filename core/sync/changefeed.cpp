#include "changefeed.h"

#include "bulkfacts.h"

namespace agro::sync {

Result<FeedPage> changesAfter(store::Connection &db, std::int64_t cursor, const QStringList &farms,
                              bool includeShared, const QString &skipNode, int limit) {
    // The farm list is bound, not spliced: ids are checked UUIDs, but binding needs no trust.
    std::string in;
    for (int i = 0; i < farms.size(); ++i)
        in += (i ? ", ?" : "?") + std::to_string(i + 5);
    std::string scope = "(farm_id IN (" + in + ")";
    if (includeShared)
        scope += " OR farm_id IS NULL OR farm_id = ''";
    scope += ")";
    if (farms.isEmpty())
        scope = includeShared ? "(farm_id IS NULL OR farm_id = '')" : "0";
    // The head is read first: writers commit one at a time in sequence order, so every entry
    // up to it is committed and visible, and skipping to it below loses nothing.
    auto head = headSeq(db);
    if (!head.ok())
        return head.error();
    auto st = db.prepare(
        "SELECT seq, tbl, row_id, col, value, hlc, node, farm_id, base_hlc, "
        "base_node, author FROM change_log WHERE seq > ?1 AND seq <= ?4 AND node <> ?2 AND "
        "(tbl IN " +
        syncedTablesSqlList() + " OR tbl = 'bulk_batches') AND " + scope +
        " ORDER BY seq LIMIT ?3");
    if (!st.ok())
        return st.error();
    st->bind(1, cursor);
    st->bind(2, skipNode);
    st->bind(3, limit + kPageSlack + 1);
    st->bind(4, head.value());
    for (int i = 0; i < farms.size(); ++i)
        st->bind(i + 5, farms[i]);
    FeedPage page;
    page.cursor = cursor;
    std::int64_t bulkRows = 0;
    int fetched = 0;
    AGRO_TRY(st->forEachRow([&] {
        ++fetched;
        if (page.more)
            return;
        Change c;
        c.seq = st->int64(0);
        c.table = st->text(1);
        c.rowId = st->text(2);
        c.column = st->text(3);
        c.value = st->dynamic(4);
        c.version = {st->int64(5), st->text(6)};
        c.farmId = st->text(7);
        if (!st->isNull(8))
            c.base = {st->int64(8), st->text(9)};
        c.author = st->text(10);
        if (static_cast<int>(page.changes.size()) >= limit &&
            !continuesWrite(page.changes.back(), c)) {
            page.more = true;
            return;
        }
        if (isBulkHeader(c)) {
            // A batch travels whole, with its rows; a page stops adding batches at a bound.
            const std::int64_t rows = c.value.toLongLong();
            if (bulkRows > 0 && bulkRows + rows > kBulkRowsPerMessage) {
                page.more = true;
                return;
            }
            bulkRows += rows;
        }
        page.cursor = c.seq;
        page.changes.push_back(std::move(c));
    }));
    st = store::Statement();
    if (fetched == limit + kPageSlack + 1)
        page.more = true; // the page ran to the end of what was read
    auto attached = attachBulkRows(db, page.changes);
    if (!attached.ok())
        return attached.error();
    if (!page.more) {
        // Nothing else for this reader up to the head: skip past entries it may not see, so
        // the next pull starts from the head.
        page.cursor = std::max(page.cursor, head.value());
    }
    return page;
}

Result<std::int64_t> headSeq(store::Connection &db) {
    auto v = db.scalar("SELECT coalesce(max(seq), 0) FROM change_log");
    if (!v.ok())
        return v.error();
    return v->toLongLong();
}

} // namespace agro::sync

#include "merger.h"

#include "bulkfacts.h"
#include "changecodec.h"
#include "hlc.h"
#include "store/workspace.h"

namespace agro::sync {

namespace {

/// Foreign keys are off while a merge runs and back on afterwards, whatever happened.
/// (PRAGMA foreign_keys is a no-op inside a transaction, so it brackets the transaction.)
class ForeignKeysOff {
public:
    explicit ForeignKeysOff(store::Connection &db)
        : m_db(db) {
        (void)m_db.exec("PRAGMA foreign_keys = OFF");
    }
    ~ForeignKeysOff() { (void)m_db.exec("PRAGMA foreign_keys = ON"); }
    ForeignKeysOff(const ForeignKeysOff &) = delete;
    ForeignKeysOff &operator=(const ForeignKeysOff &) = delete;

private:
    store::Connection &m_db;
};

bool sameValue(const QVariant &a, const QVariant &b) {
    if (a.isNull() || b.isNull())
        return a.isNull() == b.isNull();
    return a.typeId() == b.typeId() && a == b;
}

} // namespace

Merger::Merger(store::Connection &db)
    : m_db(&db)
    , m_statements(db) {}

Result<store::Statement *> Merger::cached(const std::string &key, const std::string &sql) {
    return m_statements.get(key, sql);
}

Result<void> Merger::checkColumn(const QString &table, const QString &col) {
    if (col == deletedColumn())
        return {};
    auto known = m_columns.find(table);
    if (known == m_columns.end()) {
        auto cols = m_db->columns(table);
        if (!cols.ok())
            return cols.error();
        std::set<QString> names;
        for (const store::ColumnInfo &c : cols.value())
            names.insert(c.name);
        known = m_columns.emplace(table, std::move(names)).first;
    }
    if (col == QLatin1String("id") || col == QLatin1String("lid") || !known->second.count(col)) {
        Error e = Error::make(ErrorCode::InvalidArgument,
                              QStringLiteral("%1 has no column %2").arg(table, col));
        e.field = col;
        return e;
    }
    return {};
}

Result<bool> Merger::exists(const Change &c) {
    auto st = cached("exists", "SELECT 1 FROM change_log WHERE tbl = ? AND row_id = ? AND "
                               "col = ? AND hlc = ? AND node = ?");
    if (!st.ok())
        return st.error();
    store::Statement *s = st.value();
    s->bind(1, c.table);
    s->bind(2, c.rowId);
    s->bind(3, c.column);
    s->bind(4, c.version.hlc);
    s->bind(5, c.version.node);
    auto row = s->step();
    if (!row.ok())
        return row.error();
    const bool found = row.value();
    s->reset();
    return found;
}

Result<Merger::Cell> Merger::readCell(store::Statement *s) {
    auto r = s->step();
    if (!r.ok())
        return r.error();
    Cell cell;
    if (r.value()) {
        cell.found = true;
        cell.value = s->dynamic(0);
        cell.version = {s->int64(1), s->text(2)};
        if (!s->isNull(3))
            cell.base = {s->int64(3), s->text(4)};
        cell.author = s->text(5);
    }
    s->reset();
    return cell;
}

Result<Merger::Cell> Merger::current(const QString &table, const QString &row, const QString &col) {
    auto st = cached("current", "SELECT value, hlc, node, base_hlc, base_node, author "
                                "FROM change_log WHERE tbl = ? AND row_id = ? AND col = ? "
                                "ORDER BY hlc DESC, node DESC LIMIT 1");
    if (!st.ok())
        return st.error();
    st.value()->bind(1, table);
    st.value()->bind(2, row);
    st.value()->bind(3, col);
    return readCell(st.value());
}

Result<Merger::Cell> Merger::tombstone(const QString &table, const QString &row) {
    // Any one deletion settles that the row is gone; the earliest is read, but nothing
    // depends on which one.
    auto st = cached("tomb", "SELECT value, hlc, node, base_hlc, base_node, author "
                             "FROM change_log WHERE tbl = ? AND row_id = ? AND col = '_deleted' "
                             "ORDER BY hlc, node LIMIT 1");
    if (!st.ok())
        return st.error();
    st.value()->bind(1, table);
    st.value()->bind(2, row);
    return readCell(st.value());
}

Result<bool> Merger::isAncestor(const Change &of, const Version &ancestor) {
    // Walk the chain of bases from `of`: each step is the value its writer overwrote. Bases
    // only go back in (hlc, node) order, so the walk stops once it passes the ancestor.
    Version at = of.base;
    for (int steps = 0; steps < 64 && !at.isNull(); ++steps) {
        if (at == ancestor)
            return true;
        if (at < ancestor)
            return false;
        auto st = cached("base", "SELECT base_hlc, base_node FROM change_log WHERE tbl = ? AND "
                                 "row_id = ? AND col = ? AND hlc = ? AND node = ?");
        if (!st.ok())
            return st.error();
        store::Statement *s = st.value();
        s->bind(1, of.table);
        s->bind(2, of.rowId);
        s->bind(3, of.column);
        s->bind(4, at.hlc);
        s->bind(5, at.node);
        auto r = s->step();
        if (!r.ok())
            return r.error();
        Version next;
        if (r.value() && !s->isNull(0))
            next = {s->int64(0), s->text(1)};
        s->reset();
        at = next;
    }
    return false;
}

Result<void> Merger::append(const Change &c) {
    auto st = cached("append", "INSERT INTO change_log (tbl, row_id, col, value, hlc, node, "
                               "farm_id, base_hlc, base_node, author) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!st.ok())
        return st.error();
    store::Statement *s = st.value();
    s->bind(1, c.table);
    s->bind(2, c.rowId);
    s->bind(3, c.column);
    s->bindDynamic(4, c.value);
    s->bind(5, c.version.hlc);
    s->bind(6, c.version.node);
    s->bind(7, c.farmId.isEmpty() ? QString() : c.farmId);
    if (c.base.isNull()) {
        s->bindNull(8);
        s->bindNull(9);
    } else {
        s->bind(8, c.base.hlc);
        s->bind(9, c.base.node);
    }
    s->bind(10, c.author.isEmpty() ? QString() : c.author);
    return s->run();
}

Result<void> Merger::recordConflict(const Change &where, const Cell &lost, const Cell &won,
                                    const QString &detectedAt) {
    auto st = cached("conflict",
                     "INSERT OR IGNORE INTO sync_conflicts (detected_at, tbl, row_id, col, "
                     "farm_id, lost_value, lost_hlc, lost_node, lost_author, won_value, won_hlc, "
                     "won_node, won_author) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!st.ok())
        return st.error();
    store::Statement *s = st.value();
    s->bind(1, detectedAt);
    s->bind(2, where.table);
    s->bind(3, where.rowId);
    s->bind(4, where.column);
    s->bind(5, where.farmId.isEmpty() ? QString() : where.farmId);
    s->bindDynamic(6, lost.value);
    s->bind(7, lost.version.hlc);
    s->bind(8, lost.version.node);
    s->bind(9, lost.author.isEmpty() ? QString() : lost.author);
    s->bindDynamic(10, won.value);
    s->bind(11, won.version.hlc);
    s->bind(12, won.version.node);
    s->bind(13, won.author.isEmpty() ? QString() : won.author);
    return s->run();
}

Result<void> Merger::applyOne(const Change &c, const QString &detectedAt, MergeStats &stats) {
    AGRO_TRY(checkColumn(c.table, c.column));
    auto seen = exists(c);
    if (!seen.ok())
        return seen.error();
    if (seen.value()) {
        ++stats.duplicates;
        return {};
    }
    auto tomb = tombstone(c.table, c.rowId);
    if (!tomb.ok())
        return tomb.error();
    Cell incoming{c.value, c.version, c.base, c.author, true};

    if (c.isDelete() && isAppendOnlyTable(c.table))
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("%1 rows are never deleted").arg(c.table));
    if (c.isDelete()) {
        if (!tomb->found) {
            // Every current cell the deleter had not seen is an edit the deletion overrides.
            const auto known = decodeSeenVersions(c.value.toString());
            auto st = cached("cells", "SELECT DISTINCT col FROM change_log WHERE tbl = ? AND "
                                      "row_id = ? AND col <> '_deleted'");
            if (!st.ok())
                return st.error();
            store::Statement *s = st.value();
            s->bind(1, c.table);
            s->bind(2, c.rowId);
            QStringList cols;
            AGRO_TRY(s->forEachRow([&] { cols.push_back(s->text(0)); }));
            for (const QString &col : std::as_const(cols)) {
                auto cell = current(c.table, c.rowId, col);
                if (!cell.ok())
                    return cell.error();
                auto k = known.find(col);
                if (k == known.end() || !(k->second == cell->version)) {
                    Change at = c;
                    at.column = col;
                    AGRO_TRY(recordConflict(at, cell.value(), incoming, detectedAt));
                    ++stats.conflicts;
                }
            }
            const std::string sql = "DELETE FROM " + c.table.toStdString() + " WHERE id = ?";
            auto del = cached("del:" + c.table.toStdString(), sql);
            if (!del.ok())
                return del.error();
            del.value()->bind(1, c.rowId);
            AGRO_TRY(del.value()->run());
            ++stats.deletedRows;
        }
        AGRO_TRY(append(c));
        m_touched.erase({c.table, c.rowId});
        ++stats.applied;
        return {};
    }

    if (tomb->found) {
        const auto known = decodeSeenVersions(tomb->value.toString());
        auto k = known.find(c.column);
        if (k == known.end() || !(k->second == c.version)) {
            AGRO_TRY(recordConflict(c, incoming, tomb.value(), detectedAt));
            ++stats.conflicts;
        }
        AGRO_TRY(append(c));
        ++stats.applied;
        return {};
    }

    auto win = current(c.table, c.rowId, c.column);
    if (!win.ok())
        return win.error();
    if (!win->found || win->version < c.version) {
        if (win->found && !sameValue(win->value, c.value)) {
            auto knew = isAncestor(c, win->version);
            if (!knew.ok())
                return knew.error();
            if (!knew.value()) {
                AGRO_TRY(recordConflict(c, win.value(), incoming, detectedAt));
                ++stats.conflicts;
            }
        }
        m_touched.insert({c.table, c.rowId});
    } else {
        Change winner = c;
        winner.version = win->version;
        winner.base = win->base;
        auto knew = isAncestor(winner, c.version);
        if (!knew.ok())
            return knew.error();
        // Two edits that chose the same value lose nothing.
        if (!knew.value() && !sameValue(win->value, c.value)) {
            AGRO_TRY(recordConflict(c, incoming, win.value(), detectedAt));
            ++stats.conflicts;
        }
    }
    AGRO_TRY(append(c));
    ++stats.applied;
    return {};
}

Result<void> Merger::materialize(const QString &table, const QString &row, MergeStats &stats) {
    // The winners of the row's cells: ascending, so the last one read per column wins.
    auto st = cached("winners", "SELECT col, value FROM change_log WHERE tbl = ? AND row_id = ? "
                                "AND col <> '_deleted' ORDER BY col, hlc, node");
    if (!st.ok())
        return st.error();
    store::Statement *s = st.value();
    s->bind(1, table);
    s->bind(2, row);
    std::map<QString, QVariant> cells;
    AGRO_TRY(s->forEachRow([&] { cells[s->text(0)] = s->dynamic(1); }));
    if (cells.empty())
        return {};
    for (const auto &cell : cells)
        AGRO_TRY(checkColumn(table, cell.first));

    const std::string t = table.toStdString();
    std::string select = "SELECT ";
    bool first = true;
    for (const auto &cell : cells) {
        select += (first ? "" : ", ") + cell.first.toStdString();
        first = false;
    }
    select += " FROM " + t + " WHERE id = ?";
    auto have = m_db->prepare(select);
    if (!have.ok())
        return have.error();
    have->bind(1, row);
    auto found = have->step();
    if (!found.ok())
        return found.error();

    auto refuse = [&](const Error &e) {
        stats.pendingRows.push_back(table + QLatin1Char(' ') + row + QStringLiteral(": ") +
                                    e.detail);
    };
    if (found.value()) {
        std::vector<std::pair<QString, QVariant>> differ;
        int i = 0;
        for (const auto &cell : cells) {
            if (!sameValue(have->variant(i), cell.second))
                differ.emplace_back(cell.first, cell.second);
            ++i;
        }
        have = store::Statement();
        if (differ.empty())
            return {};
        std::string sql = "UPDATE " + t + " SET ";
        for (size_t k = 0; k < differ.size(); ++k)
            sql += (k ? ", " : "") + differ[k].first.toStdString() + " = ?";
        sql += " WHERE id = ?";
        auto upd = m_db->prepare(sql);
        if (!upd.ok())
            return upd.error();
        for (size_t k = 0; k < differ.size(); ++k)
            upd->bind(static_cast<int>(k) + 1, differ[k].second);
        upd->bind(static_cast<int>(differ.size()) + 1, row);
        auto r = store::runAlone(*m_db, upd.value());
        if (!r.ok())
            refuse(r.error());
        return {};
    }
    have = store::Statement();
    std::string cols = "id", marks = "?";
    for (const auto &cell : cells) {
        cols += ", " + cell.first.toStdString();
        marks += ", ?";
    }
    auto ins = m_db->prepare("INSERT INTO " + t + " (" + cols + ") VALUES (" + marks + ")");
    if (!ins.ok())
        return ins.error();
    ins->bind(1, row);
    int i = 2;
    for (const auto &cell : cells)
        ins->bind(i++, cell.second);
    auto r = store::runAlone(*m_db, ins.value());
    if (!r.ok())
        refuse(r.error());
    return {};
}

Result<MergeStats> Merger::apply(const Changes &changes, const QString &detectedAt,
                                 const std::map<QString, QString> &meta) {
    Hooks hooks;
    hooks.meta = meta;
    return apply(changes, detectedAt, hooks);
}

Result<MergeStats> Merger::apply(const Changes &changes, const QString &detectedAt,
                                 const Hooks &hooks) {
    MergeStats stats;
    stats.received = static_cast<int>(changes.size());
    ForeignKeysOff fkOff(*m_db);
    auto tx = store::Transaction::begin(*m_db);
    if (!tx.ok())
        return tx.error();
    if (hooks.before)
        AGRO_TRY(hooks.before());
    m_touched.clear();
    BulkApplier bulk(*m_db);
    std::vector<const Change *> bulkRows;
    for (const Change &c : changes) {
        stats.maxHlc = std::max(stats.maxHlc, c.version.hlc);
        if (isBulkRows(c)) {
            bulkRows.push_back(&c); // after the rows they refer to are in place, below
            continue;
        }
        if (isBulkHeader(c)) {
            auto seen = exists(c);
            if (!seen.ok())
                return seen.error();
            if (seen.value()) {
                ++stats.duplicates;
                continue;
            }
            AGRO_TRY(bulk.header(c));
            AGRO_TRY(append(c));
            ++stats.applied;
            continue;
        }
        if (!isSyncedTable(c.table))
            return Error::make(ErrorCode::InvalidArgument,
                               QStringLiteral("not a synced table: ") + c.table);
        AGRO_TRY(applyOne(c, detectedAt, stats));
    }
    for (const auto &[table, row] : m_touched)
        AGRO_TRY(materialize(table, row, stats));
    m_touched.clear();
    for (const Change *c : bulkRows) {
        const std::int64_t before = stats.bulkRows;
        MergeStats rows;
        AGRO_TRY(bulk.rows(*c, detectedAt, rows));
        stats.bulkRows = before + rows.applied;
        stats.conflicts += rows.conflicts;
    }
    // Local edits made after this merge must order after everything it brought in.
    auto last = store::Workspace::meta(*m_db, QStringLiteral("hlc"));
    if (!last.ok())
        return last.error();
    if (stats.maxHlc > last->toLongLong())
        AGRO_TRY(
            store::Workspace::setMeta(*m_db, QStringLiteral("hlc"), QString::number(stats.maxHlc)));
    for (const auto &[key, value] : hooks.meta)
        AGRO_TRY(store::Workspace::setMeta(*m_db, key, value));
    if (hooks.after)
        AGRO_TRY(hooks.after(stats));
    m_statements.clear();
    AGRO_TRY(tx->commit());
    return stats;
}

Result<MergeStats> Merger::rematerializeAll() {
    MergeStats stats;
    ForeignKeysOff fkOff(*m_db);
    auto tx = store::Transaction::begin(*m_db);
    if (!tx.ok())
        return tx.error();
    std::vector<std::pair<QString, QString>> rows, deleted;
    {
        auto st =
            m_db->prepare("SELECT tbl, row_id, max(CASE WHEN col = '_deleted' THEN 1 ELSE 0 END) "
                          "FROM change_log "
                          "WHERE tbl <> 'bulk_batches' GROUP BY tbl, row_id");
        if (!st.ok())
            return st.error();
        AGRO_TRY(st->forEachRow([&] {
            auto key = std::make_pair(st->text(0), st->text(1));
            (st->int64(2) ? deleted : rows).push_back(std::move(key));
        }));
    }
    for (const auto &[table, row] : deleted) {
        if (!isSyncedTable(table))
            continue;
        auto del = cached("del:" + table.toStdString(),
                          "DELETE FROM " + table.toStdString() + " WHERE id = ?");
        if (!del.ok())
            return del.error();
        del.value()->bind(1, row);
        auto r = store::runAlone(*m_db, *del.value());
        if (!r.ok())
            stats.pendingRows.push_back(table + QLatin1Char(' ') + row + QStringLiteral(": ") +
                                        r.error().detail);
        else
            stats.deletedRows += static_cast<int>(m_db->changes());
    }
    for (const auto &[table, row] : rows) {
        if (isSyncedTable(table))
            AGRO_TRY(materialize(table, row, stats));
    }
    m_statements.clear();
    AGRO_TRY(tx->commit());
    return stats;
}

} // namespace agro::sync

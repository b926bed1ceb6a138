#include "mutator.h"

#include "auditlog.h"
#include "sync/changecodec.h"
#include "workspace.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>

Q_LOGGING_CATEGORY(lcMutator, "agrodesk.store.mutator", QtWarningMsg)

namespace agro::store {

namespace {
const QString kDeleted = QStringLiteral("_deleted");
const QString kFarmId = QStringLiteral("farm_id");
} // namespace

const std::set<QString> &Mutator::entityTables() {
    // Everything sync carries, plus the workspace's own users and memberships (local until
    // the users-and-roles issue syncs them).
    static const std::set<QString> tables = [] {
        std::set<QString> t(sync::syncedTables().begin(), sync::syncedTables().end());
        t.insert(QStringLiteral("users"));
        t.insert(QStringLiteral("memberships"));
        return t;
    }();
    return tables;
}

Mutator::Mutator(Connection &db, Transaction tx, sync::HlcClock clock, sync::Uuid7Generator ids,
                 QString node)
    : m_db(&db)
    , m_tx(std::move(tx))
    , m_clock(std::move(clock))
    , m_ids(std::move(ids))
    , m_node(std::move(node))
    , m_statements(db) {}

Mutator::Mutator(Mutator &&other) noexcept
    : m_db(other.m_db)
    , m_tx(std::move(other.m_tx))
    , m_clock(std::move(other.m_clock))
    , m_ids(std::move(other.m_ids))
    , m_node(std::move(other.m_node))
    , m_statements(std::move(other.m_statements))
    , m_columns(std::move(other.m_columns))
    , m_guard(std::move(other.m_guard)) {
    other.m_tx.reset();
}

Mutator::~Mutator() {
    // Statements must be finalized before the transaction rolls back.
    m_statements.clear();
    m_tx.reset();
}

Result<Mutator> Mutator::begin(Connection &db, Options options) {
    auto tx = Transaction::begin(db);
    if (!tx.ok())
        return tx.error();
    auto node = Workspace::meta(db, QStringLiteral("node_id"));
    if (!node.ok())
        return node.error();
    auto hlc = Workspace::meta(db, QStringLiteral("hlc"));
    if (!hlc.ok())
        return hlc.error();
    const std::uint64_t seed =
        options.idSeed ? options.idSeed : QRandomGenerator::system()->generate64();
    sync::HlcClock clock(options.wall, sync::Hlc::unpack(hlc->toLongLong()));
    std::optional<WriteGuard> guard;
    if (auto who = security::Sessions::current(db.path()); who && !options.derived) {
        auto loaded = WriteGuard::load(db, *who);
        if (!loaded.ok())
            return loaded.error();
        guard.emplace(std::move(loaded).value());
    }
    Mutator m(db, std::move(tx).value(), std::move(clock), sync::Uuid7Generator(options.wall, seed),
              node.value());
    m.m_guard = std::move(guard);
    return m;
}

Result<void> Mutator::guard(const QString &table, security::Action action, const QString &farmId,
                            const QString &rowId, const Columns &columns) {
    if (!m_tx)
        return Error::make(ErrorCode::InvalidArgument, QStringLiteral("mutator already finished"));
    if (!m_guard)
        return {};
    QStringList names;
    for (const Column &c : columns)
        names << c.name;
    auto verdict = m_guard->check(table, action, farmId, rowId, names);
    if (verdict.ok()) {
        if (table == QLatin1String("farms") && action == security::Action::Create)
            m_guard->ownCreatedFarm(rowId);
        return {};
    }
    // Nothing of the refused transaction stays; the refusal itself is recorded.
    m_statements.clear();
    m_tx.reset();
    const QJsonObject detail{{QStringLiteral("action"), security::actionName(action)},
                             {QStringLiteral("farm_id"), farmId},
                             {QStringLiteral("role"), m_guard->roleOn(farmId)},
                             {QStringLiteral("why"), verdict.error().detail}};
    AuditEntry entry;
    entry.actor = m_guard->principal().userId;
    entry.action = QStringLiteral("permission.refused");
    entry.entity = table;
    entry.entityId = rowId;
    entry.detailJson = QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact));
    auto tx = Transaction::begin(*m_db);
    if (tx.ok() && AuditLog::append(*m_db, entry).ok())
        (void)tx->commit();
    return verdict.error();
}

Result<Statement *> Mutator::cached(const std::string &key, const std::string &sql) {
    return m_statements.get(key, sql);
}

Result<void> Mutator::checkColumns(const QString &table, const Columns &columns) {
    if (!entityTables().count(table))
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("not a synced table: ") + table);
    auto known = m_columns.find(table);
    if (known == m_columns.end()) {
        auto st = m_db->prepare("SELECT name FROM pragma_table_info(?)");
        if (!st.ok())
            return st.error();
        st->bind(1, table);
        std::set<QString> names;
        AGRO_TRY(st->forEachRow([&] { names.insert(st->text(0)); }));
        known = m_columns.emplace(table, std::move(names)).first;
    }
    for (const Column &c : columns) {
        if (c.name == QLatin1String("id") || c.name == QLatin1String("lid") ||
            !known->second.count(c.name)) {
            Error e = Error::make(ErrorCode::InvalidArgument, QStringLiteral("column ") + c.name);
            e.field = c.name;
            return e;
        }
    }
    return {};
}

Result<QString> Mutator::farmOf(const QString &table, const QString &id) {
    if (table == QLatin1String("farms"))
        return id;
    if (table == QLatin1String("users"))
        return QString();
    const std::string sql = "SELECT farm_id FROM " + table.toStdString() + " WHERE id = ?";
    auto st = cached("farm:" + table.toStdString(), sql);
    if (!st.ok())
        return st.error();
    st.value()->bind(1, id);
    auto row = st.value()->step();
    if (!row.ok())
        return row.error();
    if (!row.value()) {
        Error e = Error::make(ErrorCode::NotFound, table + QStringLiteral(" ") + id);
        return e;
    }
    QString farm = st.value()->text(0);
    st.value()->reset();
    return farm;
}

Result<sync::Version> Mutator::currentVersion(const QString &table, const QString &id,
                                              const QString &column) {
    auto st = cached("cur", "SELECT hlc, node FROM change_log WHERE tbl = ? AND row_id = ? AND "
                            "col = ? ORDER BY hlc DESC, node DESC LIMIT 1");
    if (!st.ok())
        return st.error();
    Statement *s = st.value();
    s->bind(1, table);
    s->bind(2, id);
    s->bind(3, column);
    auto row = s->step();
    if (!row.ok())
        return row.error();
    sync::Version v;
    if (row.value())
        v = {s->int64(0), s->text(1)};
    s->reset();
    return v;
}

Result<QString> Mutator::seenVersions(const QString &table, const QString &id) {
    // Ascending, so the last version read for a column is its current one.
    auto st = cached("seen", "SELECT col, hlc, node FROM change_log WHERE tbl = ? AND "
                             "row_id = ? ORDER BY col, hlc, node");
    if (!st.ok())
        return st.error();
    Statement *s = st.value();
    s->bind(1, table);
    s->bind(2, id);
    std::map<QString, sync::Version> seen;
    AGRO_TRY(s->forEachRow([&] { seen[s->text(0)] = {s->int64(1), s->text(2)}; }));
    return sync::encodeSeenVersions(seen);
}

Result<void> Mutator::log(const QString &table, const QString &id, const QString &column,
                          const QVariant &value, std::int64_t hlc, const QString &farmId,
                          const sync::Version &base) {
    auto st = cached("log", "INSERT INTO change_log (tbl, row_id, col, value, hlc, node, farm_id, "
                            "base_hlc, base_node) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!st.ok())
        return st.error();
    Statement *s = st.value();
    s->bind(1, table);
    s->bind(2, id);
    s->bind(3, column);
    s->bind(4, value);
    s->bind(5, hlc);
    s->bind(6, m_node);
    s->bind(7, farmId);
    if (base.isNull()) {
        s->bindNull(8);
        s->bindNull(9);
    } else {
        s->bind(8, base.hlc);
        s->bind(9, base.node);
    }
    return s->run();
}

Result<void> Mutator::insert(const QString &table, const QString &id, const Columns &columns) {
    AGRO_TRY(checkColumns(table, columns));
    if (!sync::Uuid7Generator::isValid(id))
        return Error::make(ErrorCode::InvalidArgument, QStringLiteral("id is not a UUIDv7: ") + id);
    {
        QString farmId = table == QLatin1String("farms") ? id : QString();
        for (const Column &c : columns)
            if (c.name == kFarmId)
                farmId = c.value.toString();
        AGRO_TRY(guard(table, security::Action::Create, farmId, id, columns));
    }
    std::string key = "ins:" + table.toStdString();
    std::string cols = "id";
    std::string marks = "?";
    for (const Column &c : columns) {
        key += ',' + c.name.toStdString();
        cols += ", " + c.name.toStdString();
        marks += ", ?";
    }
    auto st = cached(key, "INSERT INTO " + table.toStdString() + " (" + cols + ") VALUES (" +
                              marks + ")");
    if (!st.ok())
        return st.error();
    Statement *s = st.value();
    s->bind(1, id);
    QString farm = table == QLatin1String("farms") ? id : QString();
    for (size_t i = 0; i < columns.size(); ++i) {
        s->bind(static_cast<int>(i) + 2, columns[i].value);
        if (columns[i].name == kFarmId)
            farm = columns[i].value.toString();
    }
    AGRO_TRY(s->run());
    const std::int64_t hlc = m_clock.tick().packed();
    for (const Column &c : columns)
        AGRO_TRY(log(table, id, c.name, c.value, hlc, farm));
    return {};
}

Result<void> Mutator::update(const QString &table, const QString &id, const Columns &columns) {
    AGRO_TRY(checkColumns(table, columns));
    if (columns.empty())
        return {};
    auto farmBefore = farmOf(table, id);
    if (!farmBefore.ok())
        return farmBefore.error();
    AGRO_TRY(guard(table, security::Action::Update, farmBefore.value(), id, columns));
    for (const Column &c : columns)
        if (c.name == kFarmId && c.value.toString() != farmBefore.value())
            AGRO_TRY(guard(table, security::Action::Create, c.value.toString(), id, columns));
    std::string key = "upd:" + table.toStdString();
    std::string sets;
    for (const Column &c : columns) {
        key += ',' + c.name.toStdString();
        if (!sets.empty())
            sets += ", ";
        sets += c.name.toStdString() + " = ?";
    }
    auto st = cached(key, "UPDATE " + table.toStdString() + " SET " + sets + " WHERE id = ?");
    if (!st.ok())
        return st.error();
    Statement *s = st.value();
    QString farm = farmBefore.value();
    for (size_t i = 0; i < columns.size(); ++i) {
        s->bind(static_cast<int>(i) + 1, columns[i].value);
        if (columns[i].name == kFarmId)
            farm = columns[i].value.toString();
    }
    s->bind(static_cast<int>(columns.size()) + 1, id);
    AGRO_TRY(s->run());
    const std::int64_t hlc = m_clock.tick().packed();
    for (const Column &c : columns) {
        auto base = currentVersion(table, id, c.name);
        if (!base.ok())
            return base.error();
        AGRO_TRY(log(table, id, c.name, c.value, hlc, farm, base.value()));
    }
    return {};
}

Result<void> Mutator::remove(const QString &table, const QString &id) {
    AGRO_TRY(checkColumns(table, {}));
    auto farm = farmOf(table, id);
    if (!farm.ok())
        return farm.error();
    AGRO_TRY(guard(table, security::Action::Delete, farm.value(), id));
    auto seen = seenVersions(table, id);
    if (!seen.ok())
        return seen.error();
    auto st = cached("del:" + table.toStdString(),
                     "DELETE FROM " + table.toStdString() + " WHERE id = ?");
    if (!st.ok())
        return st.error();
    st.value()->bind(1, id);
    AGRO_TRY(st.value()->run());
    return log(table, id, kDeleted, seen.value(), m_clock.tick().packed(), farm.value());
}

Result<Mutator::BulkBatch> Mutator::beginBulk(const QString &table, const QString &farmId,
                                              const QString &source) {
    BulkBatch batch;
    batch.id = newId();
    batch.table = table;
    batch.farmId = farmId;
    AGRO_TRY(guard(table, security::Action::Create, farmId, batch.id));
    const std::int64_t hlc = m_clock.tick().packed();
    batch.hlc = hlc;
    auto st = cached("bulk", "INSERT INTO bulk_batches (id, tbl, farm_id, hlc, node, source) "
                             "VALUES (?, ?, ?, ?, ?, ?)");
    if (!st.ok())
        return st.error();
    Statement *s = st.value();
    s->bind(1, batch.id);
    s->bind(2, table);
    s->bind(3, farmId.isEmpty() ? QString() : farmId);
    s->bind(4, hlc);
    s->bind(5, m_node);
    s->bind(6, source);
    AGRO_TRY(s->run());
    auto lid = m_db->scalar("SELECT last_insert_rowid()");
    if (!lid.ok())
        return lid.error();
    batch.lid = lid->toLongLong();
    AGRO_TRY(log(QStringLiteral("bulk_batches"), batch.id, table, 0, hlc, farmId));
    return batch;
}

Result<void> Mutator::finishBulk(const BulkBatch &batch, std::int64_t rowCount) {
    auto st = cached("bulkfin", "UPDATE bulk_batches SET row_count = ? WHERE lid = ?");
    if (!st.ok())
        return st.error();
    st.value()->bind(1, rowCount);
    st.value()->bind(2, batch.lid);
    AGRO_TRY(st.value()->run());
    // The header moves to the end of this transaction's log, with the final count: its rows
    // may refer to entities logged after the batch opened (sensors created while their
    // readings are written), and a reader of the change feed must meet those first — a pull
    // applies a batch's rows where it meets the header.
    auto drop = cached("bulkunlog", "DELETE FROM change_log WHERE tbl = 'bulk_batches' AND "
                                    "row_id = ?");
    if (!drop.ok())
        return drop.error();
    drop.value()->bind(1, batch.id);
    AGRO_TRY(drop.value()->run());
    return log(QStringLiteral("bulk_batches"), batch.id, batch.table,
               QVariant::fromValue<qlonglong>(rowCount), batch.hlc, batch.farmId);
}

Result<void> Mutator::commit() {
    if (!m_tx)
        return Error::make(ErrorCode::InvalidArgument, QStringLiteral("mutator already finished"));
    AGRO_TRY(
        Workspace::setMeta(*m_db, QStringLiteral("hlc"), QString::number(m_clock.last().packed())));
    m_statements.clear();
    auto r = m_tx->commit();
    m_tx.reset();
    return r;
}

} // namespace agro::store

#include "bulkfacts.h"

#include "merger.h"
#include "uuid7.h"

#include <QBuffer>
#include <QDataStream>
#include <QDate>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>

#include <zlib.h>

#include <cmath>
#include <optional>
#include <string_view>

namespace agro::sync {

namespace {

enum class Kind { Int, Real, NullableReal, Text, NullableText, Ref };

struct Column {
    const char *name;
    Kind kind;
    const char *ref = nullptr; ///< the entity table a Ref names by UUID
};

struct Spec {
    const char *table;
    std::vector<Column> columns; ///< key columns first
    int keyCount;
};

// The fact tables as core/store/migrations/0001_initial.sql defines them.
const std::vector<Spec> &specs() {
    static const std::vector<Spec> s = {
        {"sales_daily",
         {{"product", Kind::Ref, "products"},
          {"day", Kind::Int},
          {"channel", Kind::Text},
          {"quantity", Kind::Real},
          {"price", Kind::Real},
          {"promotion", Kind::Int},
          {"stockout", Kind::Int}},
         3},
        {"sensor_readings",
         {{"sensor", Kind::Ref, "sensors"}, {"ts", Kind::Int}, {"value", Kind::Real}},
         2},
        {"weather_daily",
         {{"farm", Kind::Ref, "farms"},
          {"day", Kind::Int},
          {"tmin_c", Kind::NullableReal},
          {"tmax_c", Kind::NullableReal},
          {"rain_mm", Kind::NullableReal}},
         2},
        {"stock_movements",
         {{"id", Kind::Text},
          {"product", Kind::Ref, "products"},
          {"day", Kind::Int},
          {"kind", Kind::Text},
          {"quantity", Kind::Real},
          {"lot_id", Kind::NullableText},
          {"note", Kind::Text}},
         1},
    };
    return s;
}

const Spec *specOf(const QString &table) {
    for (const Spec &s : specs())
        if (table == QLatin1String(s.table))
            return &s;
    return nullptr;
}

constexpr quint32 kMagic = 0x41444231; // "ADB1"
// A chunk's uncompressed size: the encoder starts a new chunk past kChunkBytes; the decoder
// refuses a claim past kMaxChunkBytes and any stream that inflates beyond its claim (a
// compressed "bomb" in a push cannot make the server allocate more than this).
constexpr qsizetype kChunkBytes = 8 << 20;
constexpr qsizetype kMaxChunkBytes = 16 << 20;

/// qCompress's format (4-byte big-endian length, then a zlib stream), inflated into exactly
/// the claimed size: more or less data than claimed is refused.
std::optional<QByteArray> inflateExactly(const QByteArray &bytes, quint32 claimed) {
    QByteArray out(qsizetype(claimed), Qt::Uninitialized);
    z_stream z{};
    if (inflateInit(&z) != Z_OK)
        return std::nullopt;
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(bytes.constData() + 4));
    z.avail_in = uInt(bytes.size() - 4);
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(claimed);
    const int rc = inflate(&z, Z_FINISH);
    const uLong produced = z.total_out;
    inflateEnd(&z);
    if (rc != Z_STREAM_END || produced != claimed)
        return std::nullopt;
    return out;
}

Error malformed(const QString &what) {
    Error e = Error::make(ErrorCode::InvalidArgument, QStringLiteral("bulk rows: ") + what);
    e.field = bulkRowsColumn();
    return e;
}

// How a row's value reads from a query and binds into one: references travel as UUIDs and
// are stored as the local row number of the entity.
QVariant readValue(const store::Statement &st, int i, Kind kind) {
    if (st.isNull(i))
        return {};
    switch (kind) {
    case Kind::Int:
        return QVariant(qint64(st.int64(i)));
    case Kind::Real:
    case Kind::NullableReal:
        return st.real(i);
    default:
        return st.text(i);
    }
}

std::string joinNames(const Spec &s, int from, int to, const char *format) {
    std::string out;
    for (int i = from; i < to; ++i) {
        if (!out.empty())
            out += ", ";
        std::string one = format;
        for (size_t at; (at = one.find('@')) != std::string::npos;)
            one.replace(at, 1, s.columns[size_t(i)].name);
        out += one;
    }
    return out;
}

QString keyText(const std::vector<QVariant> &row, int keyCount) {
    QStringList parts;
    for (int i = 0; i < keyCount; ++i)
        parts << row[size_t(i)].toString();
    return parts.join(QLatin1Char('|'));
}

QString valuesJson(const Spec &s, const std::vector<QVariant> &values) {
    QJsonObject o;
    for (size_t i = size_t(s.keyCount); i < s.columns.size(); ++i)
        o.insert(QLatin1String(s.columns[i].name), QJsonValue::fromVariant(values[i]));
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

bool sameValues(const Spec &s, const std::vector<QVariant> &a, const std::vector<QVariant> &b) {
    for (size_t i = size_t(s.keyCount); i < s.columns.size(); ++i) {
        if (a[i].isNull() != b[i].isNull())
            return false;
        if (!a[i].isNull() && a[i].toString() != b[i].toString())
            return false;
    }
    return true;
}

} // namespace

bool isBulkFactTable(const QString &table) {
    return specOf(table) != nullptr;
}

bool isBulkHeader(const Change &c) {
    return c.table == bulkBatchesTable() && isBulkFactTable(c.column);
}

bool isBulkRows(const Change &c) {
    return c.table == bulkBatchesTable() && c.column == bulkRowsColumn();
}

QStringList bulkColumns(const QString &table) {
    QStringList out;
    if (const Spec *s = specOf(table))
        for (const Column &c : s->columns)
            out << QLatin1String(c.name);
    return out;
}

QByteArray encodeBulkChunk(const BulkChunk &chunk) {
    const Spec *spec = specOf(chunk.table);
    QByteArray raw;
    QDataStream out(&raw, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_0);
    out << kMagic << chunk.table << quint32(chunk.rows.size());
    for (const auto &row : chunk.rows)
        for (size_t i = 0; i < spec->columns.size(); ++i) {
            const QVariant &v = row[i];
            switch (spec->columns[i].kind) {
            case Kind::Int:
                out << qint64(v.toLongLong());
                break;
            case Kind::Real:
                out << v.toDouble();
                break;
            case Kind::NullableReal:
                out << quint8(v.isNull() ? 0 : 1) << (v.isNull() ? 0.0 : v.toDouble());
                break;
            case Kind::NullableText:
                out << quint8(v.isNull() ? 0 : 1) << v.toString();
                break;
            case Kind::Text:
            case Kind::Ref:
                out << v.toString();
                break;
            }
        }
    return qCompress(raw, 6);
}

Result<BulkChunk> decodeBulkChunk(const QByteArray &bytes) {
    // qCompress's first four bytes are the uncompressed size: refuse absurd claims before
    // anything is allocated for them.
    if (bytes.size() < 4)
        return malformed(QStringLiteral("too short"));
    const quint32 claimed = qFromBigEndian<quint32>(bytes.constData());
    if (claimed > quint32(kMaxChunkBytes))
        return malformed(QStringLiteral("a chunk of %1 bytes is over the limit").arg(claimed));
    const auto inflated = inflateExactly(bytes, claimed);
    if (!inflated || inflated->isEmpty())
        return malformed(QStringLiteral("not a compressed chunk"));
    const QByteArray &raw = *inflated;
    QDataStream in(raw);
    in.setVersion(QDataStream::Qt_6_0);
    quint32 magic = 0, count = 0;
    BulkChunk chunk;
    in >> magic >> chunk.table >> count;
    if (in.status() != QDataStream::Ok || magic != kMagic)
        return malformed(QStringLiteral("not a chunk of rows"));
    const Spec *spec = specOf(chunk.table);
    if (!spec)
        return malformed(QStringLiteral("%1 is not a bulk fact table").arg(chunk.table.left(64)));
    if (count > quint32(kBulkChunkRows))
        return malformed(
            QStringLiteral("%1 rows in one chunk, at most %2").arg(count).arg(kBulkChunkRows));
    chunk.rows.reserve(count);
    for (quint32 r = 0; r < count; ++r) {
        std::vector<QVariant> row;
        row.reserve(spec->columns.size());
        for (const Column &col : spec->columns) {
            const auto bad = [&](const QString &why) {
                Error e = malformed(
                    QStringLiteral("row %1, %2: %3").arg(r).arg(QLatin1String(col.name), why));
                e.line = r;
                return e;
            };
            switch (col.kind) {
            case Kind::Int: {
                qint64 x = 0;
                in >> x;
                row.emplace_back(x);
                break;
            }
            case Kind::Real:
            case Kind::NullableReal: {
                quint8 present = 1;
                if (col.kind == Kind::NullableReal)
                    in >> present;
                double x = 0;
                in >> x;
                if (in.status() == QDataStream::Ok && !std::isfinite(x))
                    return bad(QStringLiteral("not a finite number"));
                row.push_back(present ? QVariant(x) : QVariant());
                break;
            }
            case Kind::Text:
            case Kind::NullableText:
            case Kind::Ref: {
                quint8 present = 1;
                if (col.kind == Kind::NullableText)
                    in >> present;
                QString s;
                in >> s;
                if (in.status() == QDataStream::Ok) {
                    if (s.size() > 10000)
                        return bad(QStringLiteral("text over 10,000 characters"));
                    const std::string_view name = col.name;
                    const bool isId = col.kind == Kind::Ref || name == "id" || name == "lot_id";
                    if (present && isId && !Uuid7Generator::isValid(s))
                        return bad(QStringLiteral("not a UUIDv7"));
                    if (col.kind == Kind::Text && !isId && s.trimmed().isEmpty() && name != "note")
                        return bad(QStringLiteral("empty"));
                }
                row.push_back(present ? QVariant(s) : QVariant());
                break;
            }
            }
            if (in.status() != QDataStream::Ok)
                return bad(QStringLiteral("the chunk ends early"));
        }
        chunk.rows.push_back(std::move(row));
    }
    if (!in.atEnd())
        return malformed(QStringLiteral("bytes after the last row"));
    return chunk;
}

Result<std::vector<BulkChunk>> readBulkBatch(store::Connection &db, const QString &batchId) {
    std::int64_t lid = 0;
    QString table;
    {
        auto st = db.prepare("SELECT lid, tbl FROM bulk_batches WHERE id = ?");
        if (!st.ok())
            return st.error();
        st->bind(1, batchId);
        auto row = st->step();
        if (!row.ok())
            return row.error();
        if (!row.value())
            return Error::make(ErrorCode::NotFound, QStringLiteral("bulk batch ") + batchId);
        lid = st->int64(0);
        table = st->text(1);
    }
    const Spec *spec = specOf(table);
    if (!spec)
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("bulk batch %1 is of %2").arg(batchId, table));
    std::string select, joins;
    for (const Column &c : spec->columns) {
        if (!select.empty())
            select += ", ";
        if (c.kind == Kind::Ref) {
            const std::string alias = std::string("r_") + c.name;
            select += alias + ".id";
            joins +=
                std::string(" JOIN ") + c.ref + " " + alias + " ON " + alias + ".lid = t." + c.name;
        } else {
            select += std::string("t.") + c.name;
        }
    }
    auto st = db.prepare("SELECT " + select + " FROM " + spec->table + " t" + joins +
                         " WHERE t.batch = ?");
    if (!st.ok())
        return st.error();
    st->bind(1, lid);
    std::vector<BulkChunk> out;
    qsizetype bytes = 0; // the chunk's uncompressed size, near enough
    AGRO_TRY(st->forEachRow([&] {
        std::vector<QVariant> row;
        row.reserve(spec->columns.size());
        qsizetype rowBytes = 0;
        for (size_t i = 0; i < spec->columns.size(); ++i) {
            row.push_back(readValue(st.value(), int(i), spec->columns[i].kind));
            rowBytes += 9 + (row.back().typeId() == QMetaType::QString
                                 ? 4 + 2 * row.back().toString().size()
                                 : 0);
        }
        if (out.empty() || out.back().rows.size() >= size_t(kBulkChunkRows) ||
            bytes + rowBytes > kChunkBytes) {
            out.push_back({table, {}});
            bytes = 0;
        }
        bytes += rowBytes;
        out.back().rows.push_back(std::move(row));
    }));
    return out;
}

Result<std::int64_t> attachBulkRows(store::Connection &db, Changes &changes) {
    std::int64_t attached = 0;
    Changes out;
    out.reserve(changes.size());
    for (Change &c : changes) {
        const bool header = isBulkHeader(c);
        out.push_back(std::move(c));
        if (!header)
            continue;
        // A copy: the chunks appended below may move `out`'s elements (a batch of millions
        // of readings is hundreds of chunks).
        const Change h = out.back();
        auto chunks = readBulkBatch(db, h.rowId);
        if (!chunks.ok())
            return chunks.error();
        for (const BulkChunk &chunk : chunks.value()) {
            Change rows = h;
            rows.column = bulkRowsColumn();
            rows.value = encodeBulkChunk(chunk);
            attached += std::int64_t(chunk.rows.size());
            out.push_back(std::move(rows));
        }
    }
    changes = std::move(out);
    return attached;
}

Result<store::Statement *> BulkApplier::cached(const std::string &key, const std::string &sql) {
    return m_statements.get(key, sql);
}

Result<void> BulkApplier::header(const Change &c) {
    if (!isBulkHeader(c))
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("not a bulk batch header: ") + c.column);
    if (c.value.typeId() != QMetaType::LongLong && c.value.typeId() != QMetaType::Int)
        return malformed(QStringLiteral("a batch header carries its row count"));
    auto st = cached("hdr", "INSERT INTO bulk_batches (id, tbl, farm_id, hlc, node, row_count, "
                            "source) VALUES (?, ?, ?, ?, ?, ?, 'sync') ON CONFLICT (id) DO "
                            "UPDATE SET row_count = excluded.row_count");
    if (!st.ok())
        return st.error();
    store::Statement *s = st.value();
    s->bind(1, c.rowId);
    s->bind(2, c.column);
    s->bind(3, c.farmId.isEmpty() ? QVariant() : QVariant(c.farmId));
    s->bind(4, c.version.hlc);
    s->bind(5, c.version.node);
    s->bind(6, c.value.toLongLong());
    return s->run();
}

Result<BulkApplier::Batch> BulkApplier::batch(const QString &id) {
    if (auto it = m_batches.find(id); it != m_batches.end())
        return it->second;
    auto st =
        cached("batch", "SELECT lid, tbl, coalesce(farm_id, ''), hlc, node FROM bulk_batches WHERE "
                        "id = ?");
    if (!st.ok())
        return st.error();
    store::Statement *s = st.value();
    s->bind(1, id);
    auto row = s->step();
    if (!row.ok())
        return row.error();
    if (!row.value())
        return malformed(QStringLiteral("rows of batch %1 came without its header").arg(id));
    Batch b{s->int64(0), s->text(1), s->text(2), {s->int64(3), s->text(4)}};
    m_batches[id] = b;
    return b;
}

Result<std::int64_t> BulkApplier::reference(const QString &refTable, const QString &id,
                                            const QString &farmId, int row) {
    const auto key = std::make_pair(refTable, id);
    if (auto it = m_refs.find(key); it != m_refs.end())
        return it->second;
    const bool farms = refTable == QLatin1String("farms");
    auto st = cached("ref:" + refTable.toStdString(),
                     "SELECT lid, " + std::string(farms ? "id" : "coalesce(farm_id, '')") +
                         " FROM " + refTable.toStdString() + " WHERE id = ?");
    if (!st.ok())
        return st.error();
    store::Statement *s = st.value();
    s->bind(1, id);
    auto found = s->step();
    if (!found.ok())
        return found.error();
    const auto refused = [&](const QString &why) {
        Error e = malformed(QStringLiteral("row %1: %2").arg(row).arg(why));
        e.line = row;
        return e;
    };
    if (!found.value())
        return refused(QStringLiteral("%1 %2 is not here (yet)").arg(refTable, id));
    if (s->text(1) != farmId)
        return refused(QStringLiteral("%1 %2 is not of the batch's farm").arg(refTable, id));
    const std::int64_t lid = s->int64(0);
    m_refs[key] = lid;
    return lid;
}

Result<void> BulkApplier::rows(const Change &c, const QString &detectedAt, MergeStats &stats,
                               bool knownOverwrite) {
    if (c.value.typeId() != QMetaType::QByteArray)
        return malformed(QStringLiteral("a chunk of rows is binary"));
    auto chunk = decodeBulkChunk(c.value.toByteArray());
    if (!chunk.ok())
        return chunk.error();
    auto b = batch(c.rowId);
    if (!b.ok())
        return b.error();
    if (b->table != chunk->table)
        return malformed(QStringLiteral("rows of %1 in a batch of %2").arg(chunk->table, b->table));
    if (c.farmId != b->farmId)
        return malformed(QStringLiteral("rows of batch %1 under another farm").arg(c.rowId));
    const Spec &spec = *specOf(chunk->table);
    const std::string table = spec.table;
    const int n = int(spec.columns.size());
    // The row a key has now, with the version of its batch.
    std::string where;
    for (int i = 0; i < spec.keyCount; ++i)
        where += std::string(i ? " AND " : "") + "t." + spec.columns[size_t(i)].name + " = ?" +
                 std::to_string(i + 1);
    auto find =
        cached("find:" + table, "SELECT " + joinNames(spec, spec.keyCount, n, "t.@") +
                                    ", b.lid, b.hlc, b.node FROM " + table +
                                    " t JOIN bulk_batches b ON b.lid = t.batch WHERE " + where);
    if (!find.ok())
        return find.error();
    std::string marks;
    for (int i = 0; i <= n; ++i)
        marks += (i ? ", ?" : "?") + std::to_string(i + 1);
    auto upsert = cached(
        "upsert:" + table,
        "INSERT INTO " + table + " (" + joinNames(spec, 0, n, "@") + ", batch) VALUES (" + marks +
            ") ON CONFLICT (" + joinNames(spec, 0, spec.keyCount, "@") + ") DO UPDATE SET " +
            joinNames(spec, spec.keyCount, n, "@ = excluded.@") + ", batch = excluded.batch");
    if (!upsert.ok())
        return upsert.error();
    auto conflict =
        cached("conflict", "INSERT OR IGNORE INTO sync_conflicts (detected_at, tbl, row_id, col, "
                           "farm_id, lost_value, lost_hlc, lost_node, won_value, won_hlc, "
                           "won_node) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!conflict.ok())
        return conflict.error();

    // Sales also keep the dashboard's per-farm daily totals (migration 0002) in step.
    const bool sales = chunk->table == QLatin1String("sales_daily");
    std::map<std::int64_t, std::pair<double, double>> dailyTotals; ///< day → units, revenue
    const auto addSale = [&](const std::vector<QVariant> &row, double sign) {
        const double q = row[3].toDouble(), p = row[4].toDouble();
        auto &t = dailyTotals[row[1].toLongLong()];
        t.first += sign * q;
        t.second += sign * q * p;
    };

    for (size_t r = 0; r < chunk->rows.size(); ++r) {
        const std::vector<QVariant> &incoming = chunk->rows[r];
        std::vector<QVariant> stored = incoming; // references as local row numbers
        for (int i = 0; i < n; ++i)
            if (spec.columns[size_t(i)].kind == Kind::Ref) {
                auto lid = reference(QLatin1String(spec.columns[size_t(i)].ref),
                                     incoming[size_t(i)].toString(), b->farmId, int(r));
                if (!lid.ok())
                    return lid.error();
                stored[size_t(i)] = QVariant(qint64(lid.value()));
            }
        store::Statement *f = find.value();
        f->reset();
        for (int i = 0; i < spec.keyCount; ++i)
            f->bind(i + 1, stored[size_t(i)]);
        auto row = f->step();
        if (!row.ok())
            return row.error();
        bool write = true;
        std::optional<std::vector<QVariant>> replaced;
        if (row.value()) {
            std::vector<QVariant> current = incoming;
            for (int i = spec.keyCount; i < n; ++i)
                current[size_t(i)] = readValue(*f, i - spec.keyCount, spec.columns[size_t(i)].kind);
            const int at = n - spec.keyCount;
            const std::int64_t currentLid = f->int64(at);
            const Version currentVersion{f->int64(at + 1), f->text(at + 2)};
            if (currentLid == b->lid) {
                write = false; // this batch's own row, delivered again
            } else {
                const bool wins = currentVersion < b->version;
                write = wins;
                if (wins)
                    replaced = current;
                // Another device's different value loses here: keep it beside the winner.
                if (!knownOverwrite && currentVersion.node != b->version.node &&
                    !sameValues(spec, current, incoming)) {
                    const auto &lost = wins ? current : incoming;
                    const auto &won = wins ? incoming : current;
                    const Version &lostV = wins ? currentVersion : b->version;
                    const Version &wonV = wins ? b->version : currentVersion;
                    store::Statement *k = conflict.value();
                    k->reset();
                    k->bind(1, detectedAt);
                    k->bind(2, chunk->table);
                    k->bind(3, keyText(incoming, spec.keyCount));
                    k->bind(4, bulkFactColumn());
                    k->bind(5, b->farmId.isEmpty() ? QVariant() : QVariant(b->farmId));
                    k->bindDynamic(6, valuesJson(spec, lost));
                    k->bind(7, lostV.hlc);
                    k->bind(8, lostV.node);
                    k->bindDynamic(9, valuesJson(spec, won));
                    k->bind(10, wonV.hlc);
                    k->bind(11, wonV.node);
                    AGRO_TRY(k->run());
                    if (m_db->changes() > 0)
                        ++stats.conflicts;
                }
            }
        }
        f->reset();
        if (!write) {
            ++stats.duplicates;
            continue;
        }
        store::Statement *u = upsert.value();
        u->reset();
        for (int i = 0; i < n; ++i)
            u->bind(i + 1, stored[size_t(i)]);
        u->bind(n + 1, b->lid);
        AGRO_TRY(u->run());
        ++stats.applied;
        if (sales) {
            if (replaced)
                addSale(*replaced, -1);
            addSale(incoming, 1);
        }
    }
    if (!dailyTotals.empty()) {
        auto farm = cached("farmlid", "SELECT lid FROM farms WHERE id = ?");
        if (!farm.ok())
            return farm.error();
        farm.value()->bind(1, b->farmId);
        auto found = farm.value()->step();
        if (!found.ok())
            return found.error();
        if (!found.value())
            return malformed(QStringLiteral("farm %1 is not here").arg(b->farmId));
        const std::int64_t farmLid = farm.value()->int64(0);
        farm.value()->reset();
        auto up = cached("totals", "INSERT INTO sales_farm_daily (farm, day, units, revenue) "
                                   "VALUES (?, ?, ?, ?) ON CONFLICT (farm, day) DO UPDATE SET "
                                   "units = sales_farm_daily.units + excluded.units, revenue = "
                                   "sales_farm_daily.revenue + excluded.revenue");
        if (!up.ok())
            return up.error();
        for (const auto &[day, t] : dailyTotals) {
            store::Statement *s = up.value();
            s->reset();
            s->bind(1, farmLid);
            s->bind(2, std::int64_t(day));
            s->bind(3, t.first);
            s->bind(4, t.second);
            AGRO_TRY(s->run());
        }
    }
    return {};
}

QString describeBulkKey(const QString &table, const QString &key) {
    const Spec *spec = specOf(table);
    const QStringList parts = key.split(QLatin1Char('|'));
    if (!spec || parts.size() < spec->keyCount)
        return key;
    QStringList out;
    for (int i = 0; i < spec->keyCount; ++i) {
        const std::string_view name = spec->columns[size_t(i)].name;
        const QString &p = parts[i];
        if (name == "day")
            out << QDate(1970, 1, 1).addDays(p.toLongLong()).toString(Qt::ISODate);
        else if (name == "ts")
            out << QDateTime::fromSecsSinceEpoch(p.toLongLong(), Qt::UTC).toString(Qt::ISODate);
        else if (spec->columns[size_t(i)].kind == Kind::Ref || name == "id")
            out << p.left(8) + QStringLiteral("…");
        else
            out << p;
    }
    return out.join(QStringLiteral(" · "));
}

Result<void> restoreBulkFact(store::Mutator &m, const QString &table, const QString &key,
                             const QString &farmId, const QString &valuesJson) {
    const Spec *spec = specOf(table);
    if (!spec)
        return Error::make(ErrorCode::InvalidArgument, QStringLiteral("not a bulk fact table"));
    QStringList parts = key.split(QLatin1Char('|'));
    if (parts.size() < spec->keyCount)
        return malformed(QStringLiteral("the fact's key %1 is incomplete").arg(key));
    // The last key column takes the rest (a sales channel may hold the separator).
    while (parts.size() > spec->keyCount)
        parts[parts.size() - 2] += QLatin1Char('|') + parts.takeLast();
    const QJsonObject values = QJsonDocument::fromJson(valuesJson.toUtf8()).object();
    std::vector<QVariant> row;
    for (int i = 0; i < int(spec->columns.size()); ++i) {
        const Column &col = spec->columns[size_t(i)];
        if (i < spec->keyCount)
            row.push_back(col.kind == Kind::Int ? QVariant(parts[i].toLongLong())
                                                : QVariant(parts[i]));
        else
            row.push_back(values.value(QLatin1String(col.name)).toVariant());
    }
    auto batch = m.beginBulk(table, farmId, QStringLiteral("restore"));
    if (!batch.ok())
        return batch.error();
    Change c;
    c.table = bulkBatchesTable();
    c.rowId = batch->id;
    c.column = bulkRowsColumn();
    c.farmId = farmId;
    c.value = encodeBulkChunk({table, {row}});
    BulkApplier applier(m.db());
    MergeStats stats;
    AGRO_TRY(applier.rows(c, QString(), stats, true));
    return m.finishBulk(batch.value(), 1);
}

} // namespace agro::sync

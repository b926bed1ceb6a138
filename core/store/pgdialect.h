#pragma once

#include <QString>
#include <QVariant>

#include <string>
#include <string_view>

namespace agro::store::pg {

/// The workspace SQL is written for SQLite; the server can also keep its replica in
/// PostgreSQL (docs/sync.md, "Server storage"). These rewrite the few SQLite forms that the
/// server's statements use into PostgreSQL's, so both backends run the same statements:
///
///  * `?` and `?N` parameters become `$N`;
///  * `INSERT OR IGNORE INTO …` becomes `INSERT INTO … ON CONFLICT DO NOTHING`;
///  * `a IS b` / `a IS NOT b` (SQLite's null-safe comparison when b is not NULL) become
///    `IS NOT DISTINCT FROM` / `IS DISTINCT FROM`.
///
/// Text inside quotes and comments is left alone. `paramCount` receives the highest
/// parameter number used.
std::string translateStatement(std::string_view sqlite, int *paramCount = nullptr);

/// A migration script (core/store/migrations) in PostgreSQL's DDL: INTEGER → BIGINT, REAL →
/// DOUBLE PRECISION, BLOB → BYTEA, TEXT → TEXT COLLATE "C" (byte order, as SQLite compares),
/// an `INTEGER PRIMARY KEY` becomes an identity column, a column without a type (SQLite's
/// dynamic typing: the change log's values) becomes tagged text (see encodeDynamic),
/// `WITHOUT ROWID` goes, the append-only triggers call agro_refuse(), `date(x) IS x` calls
/// agro_iso_date(). Foreign keys are dropped: a merge applies changes in any order and keeps
/// rows whose parent has not arrived yet, as the SQLite server does with foreign_keys off.
QString translateMigration(const QString &sqliteScript);

/// The functions translated migrations call; created (or replaced) before migrating.
QString prelude();

/// A value for a column without a type (change_log.value, sync_conflicts.lost_value and
/// won_value): SQLite keeps each value's own type; PostgreSQL keeps it as text with a
/// one-letter tag — i (integer), r (real), t (text), b (base64 bytes) — and NULL as NULL.
QVariant encodeDynamic(const QVariant &v);
QVariant decodeDynamic(const QVariant &stored);

} // namespace agro::store::pg

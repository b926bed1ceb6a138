#pragma once

#include "store/sqlite.h"

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

namespace agro::test {

/// The error text of a failed Result, or an empty string: for QVERIFY2 messages, which are
/// evaluated even when the check passes.
template<class R> QByteArray why(const R &r) {
    return r.ok() ? QByteArray() : errorText(r.error()).toUtf8();
}

/// A temporary folder for one test, removed afterwards.
class Scratch {
public:
    Scratch();
    QString path(const QString &name) const { return m_dir.filePath(name); }
    /// Writes bytes to a file in the folder and returns its path.
    QString write(const QString &name, const QByteArray &bytes) const;

private:
    QTemporaryDir m_dir;
};

/// Generates the small demo (fixed seed) at `path`; fails the test on error.
/// The whole content of a file (empty if it cannot be read).
QByteArray readFile(const QString &path);

void makeSmallDemo(const QString &path);
/// An open connection to an existing workspace; fails the test on error.
store::Connection connect(const QString &path);
/// Hex SHA-256 of the workspace content.
QByteArray contentHash(const QString &path);
/// The same without the audit log: what a refused command must leave unchanged (its refusal
/// is audited).
QByteArray dataHash(const QString &path);
/// First column of the first row of a query, as a double / integer / string.
double realOf(store::Connection &db, const char *sql);
qint64 intOf(store::Connection &db, const char *sql);
QString textOf(store::Connection &db, const char *sql);

} // namespace agro::test

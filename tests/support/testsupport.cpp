#include "testsupport.h"

#include "demo/demogenerator.h"
#include "store/contenthash.h"
#include "store/workspace.h"

#include <QFile>
#include <QTest>

namespace agro::test {

Scratch::Scratch() {
    QVERIFY2(m_dir.isValid(), "cannot create a temporary directory");
}

QString Scratch::write(const QString &name, const QByteArray &bytes) const {
    const QString p = path(name);
    QFile f(p);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(p));
    f.write(bytes);
    return p;
}

QByteArray readFile(const QString &path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void makeSmallDemo(const QString &path) {
    demo::DemoOptions o;
    o.preset = *demo::demoPreset(QStringLiteral("small"));
    auto r = demo::generateDemo(path, o);
    if (!r.ok())
        qFatal("demo generation failed: %s", qPrintable(errorText(r.error())));
}

store::Connection connect(const QString &path) {
    auto c = path.startsWith(QLatin1String("postgresql://")) ? store::Connection::openPostgres(path)
                                                             : store::Workspace::connect(path);
    if (!c.ok())
        qFatal("cannot connect: %s", qPrintable(errorText(c.error())));
    return std::move(c).value();
}

QByteArray contentHash(const QString &path) {
    auto db = connect(path);
    auto h = store::contentHash(db);
    if (!h.ok())
        qFatal("hash failed: %s", qPrintable(errorText(h.error())));
    return h->toHex();
}

QByteArray dataHash(const QString &path) {
    auto db = connect(path);
    QStringList tables;
    {
        auto st = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN "
                             "('audit_log', 'sqlite_sequence')");
        if (!st.ok() || !st->forEachRow([&] { tables << st->text(0); }).ok())
            qFatal("cannot list the tables of %s", qPrintable(path));
    }
    auto h = store::contentHash(db, tables);
    if (!h.ok())
        qFatal("hash failed: %s", qPrintable(errorText(h.error())));
    return h->toHex();
}

double realOf(store::Connection &db, const char *sql) {
    auto v = db.scalar(sql);
    if (!v.ok())
        qFatal("%s: %s", sql, qPrintable(errorText(v.error())));
    return v->toDouble();
}

qint64 intOf(store::Connection &db, const char *sql) {
    auto v = db.scalar(sql);
    if (!v.ok())
        qFatal("%s: %s", sql, qPrintable(errorText(v.error())));
    return v->toLongLong();
}

QString textOf(store::Connection &db, const char *sql) {
    auto v = db.scalar(sql);
    if (!v.ok())
        qFatal("%s: %s", sql, qPrintable(errorText(v.error())));
    return v->toString();
}

} // namespace agro::test

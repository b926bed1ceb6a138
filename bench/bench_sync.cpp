// Sync benchmarks (docs/sync.md; figures in bench/README.md, "Sync"). An agrodesk-server runs
// in this process on 127.0.0.1 (SQLite store, 8 worker threads); clients are SyncClients on
// this thread's event loop, their database work on the thread pool.
//
//   bench_sync --workdir DIR --phase transfer   100,000 changes: client A pushes, client B
//                                                pulls into an empty workspace; reference in
//                                                the same run: the same changes merged
//                                                straight into a workspace (no network, no
//                                                server); the longest stall of this thread
//   bench_sync --workdir DIR --phase concurrent 50 clients signed in, each with 20 edits,
//                                                syncing at once: round latency p50 / p95 and
//                                                changes per second
//   bench_sync --workdir DIR --phase bulk --workspace LARGE
//                                                a whole workspace (the large demo: ~1.1 M
//                                                sales, ~7 M readings) pushed by A and pulled
//                                                into an empty B; reference in the same run:
//                                                the same feed pages merged straight into an
//                                                empty workspace
//
//   --postgres postgresql://USER@HOST:PORT/DB    the server's store in that PostgreSQL
//                                                database instead (its public schema is
//                                                dropped and made again: use a scratch one)

#include "../server/serverstore.h"
#include "../server/syncserver.h"
#include "stallprobe.h"
#include "store/mutator.h"
#include "store/workspace.h"
#include "sync/changefeed.h"
#include "sync/merger.h"
#include "sync/syncclient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>

#include <algorithm>
#include <cstdio>
#include <optional>

using namespace agro;

namespace {

const QString kPassword = QStringLiteral("correct horse battery staple");

template<class T> T runTask(QCoro::Task<T> task) {
    std::optional<T> out;
    QEventLoop loop;
    auto wrapper = [&]() -> QCoro::Task<> {
        out.emplace(co_await std::move(task));
        loop.quit();
    };
    auto running = wrapper();
    if (!out)
        loop.exec();
    return std::move(*out);
}

[[noreturn]] void die(const QString &what) {
    std::fprintf(stderr, "bench_sync: %s\n", qPrintable(what));
    std::exit(1);
}

template<class T> T must(Result<T> r, const char *what) {
    if (!r.ok())
        die(QStringLiteral("%1: %2").arg(QLatin1String(what), errorText(r.error())));
    return std::move(r).value();
}
void must(Result<void> r, const char *what) {
    if (!r.ok())
        die(QStringLiteral("%1: %2").arg(QLatin1String(what), errorText(r.error())));
}

QString fresh(const QString &path) {
    for (const char *suffix : {"", "-wal", "-shm"})
        QFile::remove(path + QLatin1String(suffix));
    return path;
}

/// A workspace with one farm and `rows` fields (4 changes each): rows × 4 + 1 changes.
QString makeClient(const QString &path, int rows, QString *farm) {
    must(store::Workspace::create(fresh(path)), "create");
    auto db = must(store::Workspace::connect(path), "connect");
    auto m = must(store::Mutator::begin(db), "begin");
    *farm = m.newId();
    must(m.insert(QStringLiteral("farms"), *farm,
                  {{QStringLiteral("name"), QStringLiteral("Bench farm")}}),
         "farm");
    for (int i = 0; i < rows; ++i)
        must(m.insert(QStringLiteral("fields"), m.newId(),
                      {{QStringLiteral("farm_id"), *farm},
                       {QStringLiteral("name"), QStringLiteral("Field %1").arg(i)},
                       {QStringLiteral("area_ha"), 1.0 + i % 50},
                       {QStringLiteral("soil_type"), QStringLiteral("loam")}}),
             "field");
    must(m.commit(), "commit");
    return path;
}

struct Server {
    std::unique_ptr<server::SyncServer> server;
    server::StoreAddress store;
    quint16 port = 0;
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(port); }
};

QString g_postgres; ///< --postgres: the server's store in PostgreSQL

Server startServer(const QString &dir, int accounts) {
    server::StoreAddress address;
    if (g_postgres.isEmpty()) {
        const QString db = fresh(dir + QStringLiteral("/server.agrodesk"));
        must(store::Workspace::create(db), "server store");
        address = server::StoreAddress::sqlite(db);
    } else {
        address = must(server::StoreAddress::parse(g_postgres), "--postgres");
        auto c = must(store::Connection::openPostgres(address.location), "postgres");
        must(c.exec("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public"), "wipe");
    }
    must(server::prepareStore(address), "server store");
    {
        auto c = must(server::connectStore(address), "server connect");
        for (int i = 0; i < accounts; ++i)
            must(server::ServerStore::addAccount(c, QStringLiteral("user%1").arg(i), kPassword),
                 "account");
    }
    std::printf("# server store: %s\n", qPrintable(address.display()));
    server::ServerConfig config;
    config.store = address;
    Server s;
    s.store = address;
    s.server = std::make_unique<server::SyncServer>(config);
    s.port = must(s.server->start(), "server start");
    return s;
}

sync::ServerLink signIn(sync::SyncClient &client, const Server &s, const QString &user) {
    sync::ServerLink link{QUrl(s.url()), {}, {}};
    link.token = must(runTask(client.login(link, user, kPassword)), "login").token;
    return link;
}

/// Client A's whole round against the server (a push of everything it has), then an empty
/// client B, given `farms` as manager, pulling it all: each timed, with this thread's longest
/// stall. Both the transfer and the bulk phase measure this.
struct PushPull {
    sync::RoundReport pushed, pulled;
    double pushS = 0, pullS = 0, pushStallMs = 0, pullStallMs = 0;
    QString b;
};
PushPull pushThenPull(const QString &dir, const Server &s, const QString &a,
                      const QStringList &farms) {
    PushPull out;
    StallProbe probe;
    QElapsedTimer t;
    sync::SyncClient clientA(a);
    auto linkA = signIn(clientA, s, QStringLiteral("user0"));
    probe.start();
    t.start();
    out.pushed = must(runTask(clientA.syncRound(linkA, {})), "push round");
    out.pushS = t.elapsed() / 1000.0;
    probe.stop();
    out.pushStallMs = probe.worstStallMs();
    {
        auto c = must(server::connectStore(s.store), "server");
        for (const QString &farm : farms)
            must(server::ServerStore::grant(c, QStringLiteral("user1"), farm,
                                            QStringLiteral("manager")),
                 "grant");
    }
    out.b = fresh(dir + QStringLiteral("/b.agrodesk"));
    must(store::Workspace::create(out.b), "b");
    sync::SyncClient clientB(out.b);
    auto linkB = signIn(clientB, s, QStringLiteral("user1"));
    probe.start();
    t.restart();
    out.pulled = must(runTask(clientB.syncRound(linkB, {})), "pull round");
    out.pullS = t.elapsed() / 1000.0;
    probe.stop();
    out.pullStallMs = probe.worstStallMs();
    return out;
}

void transfer(const QString &dir) {
    const int rows = 25000; // 100,001 changes
    QString farm;
    QElapsedTimer t;
    t.start();
    const QString a = makeClient(dir + QStringLiteral("/a.agrodesk"), rows, &farm);
    std::printf("# client A: %d fields, %d changes, written in %.1f s\n", rows, rows * 4 + 1,
                t.elapsed() / 1000.0);
    Server s = startServer(dir, 2);

    // Reference: the same changes merged straight into an empty workspace.
    {
        auto src = must(store::Workspace::connect(a), "a");
        auto node = must(store::Workspace::meta(src, QStringLiteral("node_id")), "node");
        auto all =
            must(sync::changesAfter(src, 0, {farm}, true, QStringLiteral("none"), 1000000), "feed");
        const QString ref = fresh(dir + QStringLiteral("/ref.agrodesk"));
        must(store::Workspace::create(ref), "ref");
        auto dst = must(store::Workspace::connect(ref), "ref connect");
        t.restart();
        auto stats = must(sync::Merger(dst).apply(all.changes, QStringLiteral("bench")), "merge");
        std::printf("reference: %d changes merged locally in %.2f s (%.0f changes/s)\n",
                    stats.applied, t.elapsed() / 1000.0, stats.applied / (t.elapsed() / 1000.0));
        (void)node;
    }

    const PushPull r = pushThenPull(dir, s, a, {farm});
    std::printf("push: %lld changes in %.2f s (%.0f changes/s), UI-thread stall max %.1f ms\n",
                r.pushed.pushed, r.pushS, r.pushed.pushed / r.pushS, r.pushStallMs);
    std::printf("pull: %lld changes in %.2f s (%.0f changes/s), UI-thread stall max %.1f ms\n",
                r.pulled.pulled, r.pullS, r.pulled.pulled / r.pullS, r.pullStallMs);
    std::printf("push + pull: %.2f s for %lld changes\n", r.pushS + r.pullS, r.pulled.pulled);
}

qint64 factRows(const QString &path) {
    auto db = must(store::Workspace::connect(path), "count");
    return must(db.scalar("SELECT (SELECT count(*) FROM sales_daily) + (SELECT count(*) FROM "
                          "sensor_readings) + (SELECT count(*) FROM weather_daily) + (SELECT "
                          "count(*) FROM stock_movements)"),
                "count")
        .toLongLong();
}

void bulk(const QString &dir, const QString &workspace) {
    const QString a = fresh(dir + QStringLiteral("/a.agrodesk"));
    if (!QFile::copy(workspace, a))
        die(QStringLiteral("cannot copy %1").arg(workspace));
    QStringList farms;
    {
        auto db = must(store::Workspace::connect(a), "a");
        auto st = must(db.prepare("SELECT id FROM farms"), "farms");
        must(st.forEachRow([&] { farms << st.text(0); }), "farms");
    }
    const qint64 facts = factRows(a);
    std::printf("# %s: %d farms, %lld bulk fact rows\n", qPrintable(workspace), int(farms.size()),
                facts);
    Server s = startServer(dir, 2);
    QElapsedTimer t;

    // Reference: the feed pages a server would hand out (entities, batch headers and their
    // rows in chunks), merged straight into an empty workspace: no network, no server.
    {
        auto src = must(store::Workspace::connect(a), "a");
        const QString ref = fresh(dir + QStringLiteral("/ref.agrodesk"));
        must(store::Workspace::create(ref), "ref");
        auto dst = must(store::Workspace::connect(ref), "ref connect");
        t.start();
        std::int64_t cursor = 0;
        for (bool more = true; more;) {
            auto page = must(
                sync::changesAfter(src, cursor, farms, true, QStringLiteral("none"), 2000), "feed");
            must(sync::Merger(dst).apply(page.changes, QStringLiteral("bench")), "merge");
            cursor = page.cursor;
            more = page.more;
        }
        const double refS = t.elapsed() / 1000.0;
        std::printf("reference: the whole feed merged locally in %.2f s (%lld fact rows, %.0f "
                    "rows/s)\n",
                    refS, factRows(ref), factRows(ref) / refS);
    }

    const PushPull r = pushThenPull(dir, s, a, farms);
    std::printf("push: %lld changes with their rows in %.2f s, UI-thread stall max %.1f ms\n",
                r.pushed.pushed, r.pushS, r.pushStallMs);
    std::printf("pull: %lld changes with their rows in %.2f s, UI-thread stall max %.1f ms; B "
                "has %lld of A's %lld fact rows\n",
                r.pulled.pulled, r.pullS, r.pullStallMs, factRows(r.b), facts);
    std::printf("push + pull: %.2f s\n", r.pushS + r.pullS);
}

/// One client's round, timed. A plain function, not a capturing lambda: a coroutine's lambda
/// captures live in the closure, which is gone once the call returns.
QCoro::Task<> timedRound(sync::SyncClient *client, sync::ServerLink link, double *latency,
                         int *done, int clients, QEventLoop *loop) {
    QElapsedTimer own;
    own.start();
    auto round = client->syncRound(link, {});
    auto r = co_await round;
    if (!r.ok())
        die(QStringLiteral("round: %1").arg(errorText(r.error())));
    *latency = own.elapsed() / 1000.0;
    if (++*done == clients)
        loop->quit();
}

void concurrent(const QString &dir) {
    const int clients = 50, edits = 20;
    Server s = startServer(dir, clients);
    QString farm;
    const QString base = makeClient(dir + QStringLiteral("/base.agrodesk"), 0, &farm);
    std::vector<std::unique_ptr<sync::SyncClient>> cs;
    std::vector<sync::ServerLink> links;
    std::vector<QString> paths;
    {
        // Client 0 pushes the farm (and owns it); the others manage it.
        sync::SyncClient first(base);
        auto link = signIn(first, s, QStringLiteral("user0"));
        must(runTask(first.syncRound(link, {})), "first round");
        auto c = must(server::connectStore(s.store), "server");
        for (int i = 1; i < clients; ++i)
            must(server::ServerStore::grant(c, QStringLiteral("user%1").arg(i), farm,
                                            QStringLiteral("manager")),
                 "grant");
    }
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < clients; ++i) {
        const QString p = fresh(dir + QStringLiteral("/c%1.agrodesk").arg(i));
        must(store::Workspace::create(p), "client");
        paths.push_back(p);
        cs.push_back(std::make_unique<sync::SyncClient>(p));
        links.push_back(signIn(*cs.back(), s, QStringLiteral("user%1").arg(i)));
        must(runTask(cs.back()->syncRound(links.back(), {})), "initial round");
        auto db = must(store::Workspace::connect(p), "c");
        auto m = must(store::Mutator::begin(db), "begin");
        for (int k = 0; k < edits; ++k)
            must(m.insert(QStringLiteral("fields"), m.newId(),
                          {{QStringLiteral("farm_id"), farm},
                           {QStringLiteral("name"), QStringLiteral("C%1 F%2").arg(i).arg(k)},
                           {QStringLiteral("area_ha"), 2.0}}),
                 "edit");
        must(m.commit(), "commit");
    }
    std::printf("# %d clients signed in and set up in %.1f s\n", clients, t.elapsed() / 1000.0);

    std::vector<double> latencies(clients, -1);
    int done = 0;
    QEventLoop loop;
    StallProbe probe;
    probe.start();
    t.restart();
    std::vector<QCoro::Task<>> running;
    for (int i = 0; i < clients; ++i)
        running.push_back(timedRound(cs[size_t(i)].get(), links[size_t(i)], &latencies[size_t(i)],
                                     &done, clients, &loop));
    if (done < clients)
        loop.exec();
    const double wall = t.elapsed() / 1000.0;
    probe.stop();
    std::sort(latencies.begin(), latencies.end());
    const auto pct = [&](double q) { return latencies[size_t(q * (clients - 1))]; };
    std::printf("concurrent: %d clients × %d new fields (%d changes) at once: wall %.2f s, "
                "round latency p50 %.2f s, p95 %.2f s, max %.2f s; %.0f changes/s pushed; "
                "UI-thread stall max %.1f ms\n",
                clients, edits, clients * edits * 3, wall, pct(0.5), pct(0.95), latencies.back(),
                clients * edits * 3 / wall, probe.worstStallMs());
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addOptions(
        {{QStringLiteral("workdir"), QStringLiteral("Work folder."), QStringLiteral("dir")},
         {QStringLiteral("phase"), QStringLiteral("transfer, concurrent or bulk."),
          QStringLiteral("name")},
         {QStringLiteral("workspace"), QStringLiteral("bulk: the workspace to sync."),
          QStringLiteral("file")},
         {QStringLiteral("postgres"),
          QStringLiteral("The server's store in this PostgreSQL database (wiped)."),
          QStringLiteral("url")}});
    p.process(app);
    g_postgres = p.value(QStringLiteral("postgres"));
    const QString dir = p.value(QStringLiteral("workdir"));
    QDir().mkpath(dir);
    if (p.value(QStringLiteral("phase")) == QLatin1String("transfer"))
        transfer(dir);
    else if (p.value(QStringLiteral("phase")) == QLatin1String("concurrent"))
        concurrent(dir);
    else if (p.value(QStringLiteral("phase")) == QLatin1String("bulk"))
        bulk(dir, p.value(QStringLiteral("workspace")));
    else
        die(QStringLiteral("--phase transfer|concurrent|bulk"));
    return 0;
}

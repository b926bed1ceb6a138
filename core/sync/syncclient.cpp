#include "syncclient.h"

#include "changecodec.h"
#include "merger.h"
#include "outbox.h"
#include "sanity.h"
#include "security/permissions.h"
#include "services/alertservice.h"
#include "services/teammirror.h"
#include "services/withdb.h"
#include "services/worker.h"
#include "store/workspace.h"
#include "uuid7.h"

#include <QCoroNetworkReply>
#include <QDateTime>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QUrlQuery>

#include <memory>

namespace agro::sync {

namespace {

constexpr qint64 kMaxSkewMs = 5 * 60 * 1000;

qint64 nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}
QString nowText() {
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

Error syncError(ErrorCode code, const QString &detail) {
    Error e = Error::make(code, detail);
    return e;
}

bool loopback(const QUrl &url) {
    const QString host = url.host();
    return host == QLatin1String("localhost") || QHostAddress(host).isLoopback();
}

/// Live rows of a farm across the synced tables (the mass-delete guard's denominator).
Result<qint64> farmRows(store::Connection &db, const QString &farm) {
    qint64 total = 0;
    for (const QString &table : syncedTables()) {
        const std::string sql =
            table == QLatin1String("farms")
                ? "SELECT count(*) FROM farms WHERE id = ?"
                : "SELECT count(*) FROM " + table.toStdString() + " WHERE farm_id IS ?";
        auto st = db.prepare(sql);
        if (!st.ok())
            return st.error();
        st->bind(1, farm.isEmpty() ? QString() : farm);
        auto row = st->step();
        if (!row.ok())
            return row.error();
        total += st->int64(0);
    }
    return total;
}

/// "" when the deletions are within the guard's limits, else the question to ask.
Result<QString> massDeleteQuestion(store::Connection &db, const std::map<QString, int> &deletes,
                                   bool alreadyDeleted) {
    for (const auto &[farm, n] : deletes) {
        auto rows = farmRows(db, farm);
        if (!rows.ok())
            return rows.error();
        // Local deletions are already gone from the tables: count them back in.
        const qint64 before = rows.value() + (alreadyDeleted ? n : 0);
        // The share rule starts at 10 rows, so a tiny farm's single deletion does not ask.
        if (n > kMassDeleteRows ||
            (n >= 10 && n > kMassDeleteShare * static_cast<double>(before))) {
            QString name = farm;
            auto st = db.prepare("SELECT name FROM farms WHERE id = ?");
            if (st.ok()) {
                st->bind(1, farm);
                if (st->step().value())
                    name = st->text(0);
            }
            return QStringLiteral("%1 of the %2 records of farm %3 would be deleted")
                .arg(n)
                .arg(before)
                .arg(name.isEmpty() ? QStringLiteral("(shared catalogue)") : name);
        }
    }
    return QString();
}

} // namespace

SyncClient::SyncClient(QString workspace, QObject *parent)
    : QObject(parent)
    , m_workspace(std::move(workspace)) {}

Result<std::int64_t> SyncClient::pendingCount(const QString &workspace) {
    return services::withDb(workspace,
                            [](store::Connection &db) { return Outbox(db).pendingCount(); });
}

QCoro::Task<Result<QJsonObject>> SyncClient::call(ServerLink link, const char *verb, QString path,
                                                  QByteArray body) {
    if (link.url.scheme() != QLatin1String("https") &&
        !(link.url.scheme() == QLatin1String("http") && loopback(link.url)))
        co_return syncError(ErrorCode::Network,
                            QStringLiteral("%1: use https:// (plain http only reaches this "
                                           "computer)")
                                .arg(link.url.toString()));
    QUrl url = link.url;
    const qsizetype q = path.indexOf(QLatin1Char('?'));
    url.setPath(url.path().chopped(url.path().endsWith(QLatin1Char('/')) ? 1 : 0) +
                (q < 0 ? path : path.left(q)));
    if (q >= 0)
        url.setQuery(path.mid(q + 1));
    QNetworkRequest req(url);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    req.setTransferTimeout(120000);
    if (!link.token.isEmpty())
        req.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + link.token.toLatin1());
    if (!link.caFile.isEmpty()) {
        const auto pinned = QSslCertificate::fromPath(link.caFile);
        if (pinned.isEmpty()) {
            Error e =
                syncError(ErrorCode::Network, QStringLiteral("no PEM certificate in the file"));
            e.file = link.caFile;
            co_return e;
        }
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setCaCertificates(pinned); // only these: the pin replaces the system's CAs
        req.setSslConfiguration(ssl);
    }
    std::unique_ptr<QNetworkReply, void (*)(QNetworkReply *)> reply(
        qstrcmp(verb, "GET") == 0 ? m_nam.get(req) : m_nam.post(req, body),
        [](QNetworkReply *r) { r->deleteLater(); });
    co_await reply.get();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0)
        co_return syncError(ErrorCode::Network, QStringLiteral("%1: %2").arg(link.url.toString(),
                                                                             reply->errorString()));
    const QByteArray bytes = reply->readAll();
    // A pull page with bulk rows is megabytes of JSON: parsed on a worker, not this thread.
    auto parseJob = services::onWorker(
        [bytes] { return Result<QJsonObject>(QJsonDocument::fromJson(bytes).object()); });
    auto parsed = co_await parseJob;
    const QJsonObject answer = parsed.ok() ? parsed.value() : QJsonObject();
    const QString message = answer.value(QStringLiteral("error")).toString();
    const qint64 serverTime = reply->rawHeader(QByteArrayLiteral("X-AgroDesk-Time")).toLongLong();
    if (serverTime > 0 && std::llabs(serverTime - nowMs()) > kMaxSkewMs)
        co_return syncError(ErrorCode::ClockSkew,
                            QStringLiteral("this computer's clock is %1 minutes off the server's: "
                                           "set the date and time, then sync again")
                                .arg(std::llabs(serverTime - nowMs()) / 60000));
    if (status == 401)
        co_return syncError(ErrorCode::SignInRequired, message);
    if (status == 403)
        co_return syncError(ErrorCode::PermissionDenied, message);
    if (status == 409 && answer.contains(QStringLiteral("skew_ms")))
        co_return syncError(ErrorCode::ClockSkew, message);
    if (status >= 400)
        co_return syncError(
            ErrorCode::SyncRefused,
            QStringLiteral("HTTP %1: %2")
                .arg(status)
                .arg(message.isEmpty() ? QString::fromUtf8(bytes.left(200)) : message));
    co_return answer;
}

QCoro::Task<Result<LoginReply>> SyncClient::login(ServerLink link, QString username,
                                                  QString password) {
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("username"), username},
                                                      {QStringLiteral("password"), password}})
                                .toJson(QJsonDocument::Compact);
    link.token.clear();
    const QString path = QStringLiteral("/v1/login");
    auto request = call(link, "POST", path, body);
    auto answer = co_await request;
    if (!answer.ok())
        co_return answer.error();
    LoginReply r;
    r.token = answer->value(QStringLiteral("token")).toString();
    r.account = answer->value(QStringLiteral("account")).toString();
    for (const QJsonValue &f : answer->value(QStringLiteral("farms")).toArray())
        r.farms.insert(f[QStringLiteral("id")].toString(), f[QStringLiteral("role")].toString());
    if (r.token.isEmpty())
        co_return syncError(ErrorCode::SyncRefused, QStringLiteral("the server sent no session"));
    co_return r;
}

QCoro::Task<Result<void>> SyncClient::logout(ServerLink link) {
    const QString path = QStringLiteral("/v1/logout");
    auto request = call(link, "POST", path, QByteArray());
    auto answer = co_await request;
    if (!answer.ok())
        co_return answer.error();
    co_return Result<void>();
}

QCoro::Task<Result<void>> SyncClient::pushAll(ServerLink link, RoundOptions options, QString node,
                                              RoundReport *report) {
    // The outbox in batches, each acknowledged before the mark moves.
    const QString ws = m_workspace;
    for (;;) {
        const int limit = options.pageSize;
        // The page and its JSON (megabytes with bulk rows) are made on a worker.
        struct Page {
            QByteArray payload;
            qint64 count = 0, last = 0;
        };
        auto pageJob = services::onWorker([ws, limit, node]() -> Result<Page> {
            auto changes = services::withDb(
                ws, [limit](store::Connection &db) { return Outbox(db).pending(limit); });
            if (!changes.ok())
                return changes.error();
            Page p;
            if (changes->empty())
                return p;
            Uuid7Generator ids = Uuid7Generator::system();
            const QJsonObject body{{QStringLiteral("batch"), ids.next()},
                                   {QStringLiteral("node"), node},
                                   {QStringLiteral("client_time_ms"), QString::number(nowMs())},
                                   {QStringLiteral("changes"), encodeChanges(changes.value())}};
            p.payload = QJsonDocument(body).toJson(QJsonDocument::Compact);
            p.count = static_cast<qint64>(changes->size());
            p.last = changes->back().seq;
            return p;
        });
        auto page = co_await pageJob;
        if (!page.ok())
            co_return page.error();
        if (page->count == 0)
            break;
        if (options.progress)
            options.progress(tr("Sending %n change(s)…", nullptr, static_cast<int>(page->count)));
        const QString path = QStringLiteral("/v1/push");
        auto request = call(link, "POST", path, page->payload);
        auto answer = co_await request;
        if (!answer.ok())
            co_return answer.error();
        const qint64 last = page->last;
        auto markedJob = services::onWriter([ws, last] {
            return services::withDb(
                ws, [last](store::Connection &db) { return Outbox(db).markPushed(last); });
        });
        auto marked = co_await markedJob;
        if (!marked.ok())
            co_return marked.error();
        report->pushed += page->count;
    }
    co_return Result<void>();
}

QCoro::Task<Result<void>> SyncClient::pullAll(ServerLink link, RoundOptions options, QString node,
                                              RoundReport *report) {
    // Pages after the cursor, each merged together with its cursor.
    const QString ws = m_workspace;
    for (;;) {
        auto cursorJob = services::onWorker([ws] {
            return services::withDb(ws, [](store::Connection &db) {
                return store::Workspace::meta(db, meta::pullCursor());
            });
        });
        auto cursor = co_await cursorJob;
        if (!cursor.ok())
            co_return cursor.error();
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("after"), QString::number(cursor->toLongLong()));
        q.addQueryItem(QStringLiteral("limit"), QString::number(options.pageSize));
        q.addQueryItem(QStringLiteral("node"), node);
        q.addQueryItem(QStringLiteral("time"), QString::number(nowMs()));
        const QString path = QStringLiteral("/v1/pull?") + q.toString(QUrl::FullyEncoded);
        auto request = call(link, "GET", path, QByteArray());
        auto answer = co_await request;
        if (!answer.ok())
            co_return answer.error();
        auto decodeJob = services::onWorker(
            [v = answer->value(QStringLiteral("changes"))] { return decodeChanges(v); });
        auto changes = co_await decodeJob;
        if (!changes.ok())
            co_return changes.error();
        // A farm this account was newly given: its history is before the cursor, so start
        // over from the beginning (what is here already is recognised as duplicate).
        QStringList farms;
        for (const QJsonValue &f : answer->value(QStringLiteral("farms")).toArray())
            farms.push_back(f[QStringLiteral("id")].toString());
        farms.sort();
        const QString farmList = farms.join(QLatin1Char(','));
        auto knownJob = services::onWriter([ws, farmList] {
            return services::withDb(ws, [&](store::Connection &db) -> Result<bool> {
                auto known = store::Workspace::meta(db, meta::farms());
                if (!known.ok())
                    return known.error();
                const QStringList had = known->split(QLatin1Char(','), Qt::SkipEmptyParts);
                bool grown = false;
                for (const QString &f : farmList.split(QLatin1Char(','), Qt::SkipEmptyParts))
                    grown = grown || !had.contains(f);
                if (grown)
                    AGRO_TRY(
                        store::Workspace::setMeta(db, meta::pullCursor(), QStringLiteral("0")));
                AGRO_TRY(store::Workspace::setMeta(db, meta::farms(), farmList));
                return grown;
            });
        });
        auto restart = co_await knownJob;
        if (!restart.ok())
            co_return restart.error();
        if (restart.value() && cursor->toLongLong() > 0)
            continue;
        const QString next = answer->value(QStringLiteral("cursor")).toString();
        const bool more = answer->value(QStringLiteral("more")).toBool();
        const bool allowMass = options.allowMassDelete;
        auto mergedJob = services::onWriter([ws, next, allowMass, cs = changes.value()] {
            return services::withDb(ws, [&](store::Connection &db) -> Result<MergeStats> {
                if (!allowMass) {
                    // Only rows this replica has count: a deletion of a row it never had
                    // takes nothing away.
                    std::map<QString, int> deletes;
                    for (const Change &c : cs) {
                        if (!c.isDelete() || !isSyncedTable(c.table))
                            continue;
                        auto has =
                            db.prepare("SELECT 1 FROM " + c.table.toStdString() + " WHERE id = ?");
                        if (!has.ok())
                            return has.error();
                        has->bind(1, c.rowId);
                        if (has->step().value())
                            ++deletes[c.farmId];
                    }
                    auto question = massDeleteQuestion(db, deletes, false);
                    if (!question.ok())
                        return question.error();
                    if (!question->isEmpty())
                        return Error::make(ErrorCode::NeedsPrerequisite, question.value());
                }
                const std::map<QString, QString> moveCursor{{meta::pullCursor(), next}};
                return Merger(db).apply(cs, nowText(), moveCursor);
            });
        });
        auto merged = co_await mergedJob;
        if (!merged.ok()) {
            if (merged.error().code == ErrorCode::NeedsPrerequisite) {
                report->needsConfirmation = merged.error().detail;
                co_return Result<void>();
            }
            co_return merged.error();
        }
        report->pulled += merged->applied;
        report->conflicts += merged->conflicts;
        report->pendingRows = merged->pendingRows;
        if (!changes->empty())
            if (options.progress)
                options.progress(
                    tr("Received %n change(s)…", nullptr, static_cast<int>(changes->size())));
        if (!more)
            co_return Result<void>();
    }
}

QCoro::Task<Result<SyncClient::Comparison>> SyncClient::compareWithServer(ServerLink link) {
    const QString ws = m_workspace;
    const QString path = QStringLiteral("/v1/sanity");
    auto request = call(link, "GET", path, QByteArray());
    auto answer = co_await request;
    if (!answer.ok())
        co_return answer.error();
    auto theirs = decodeDigest(answer->value(QStringLiteral("digest")).toObject());
    if (!theirs.ok())
        co_return theirs.error();
    const qint64 serverHead = answer->value(QStringLiteral("head")).toString().toLongLong();
    // A server from before "settled" computed its digest at one moment as far as it knew.
    const bool serverSettled = answer->value(QStringLiteral("settled")).toBool(true);
    QStringList farms;
    for (const auto &[farm, tables] : theirs.value())
        if (!farm.isEmpty())
            farms.push_back(farm);
    struct Mine {
        Digest digest;
        qint64 cursor = 0;
    };
    auto mineJob = services::onWorker([ws, farms] {
        return services::withDb(ws, [&](store::Connection &db) -> Result<Mine> {
            auto cursor = store::Workspace::meta(db, meta::pullCursor());
            if (!cursor.ok())
                return cursor.error();
            auto digest = computeDigest(db, farms, true);
            if (!digest.ok())
                return digest.error();
            return Mine{digest.value(), cursor->toLongLong()};
        });
    });
    auto mine = co_await mineJob;
    if (!mine.ok())
        co_return mine.error();
    Comparison out;
    out.settled = serverSettled && serverHead == mine->cursor;
    if (out.settled)
        out.differences = compareDigests(mine->digest, theirs.value());
    co_return out;
}

QCoro::Task<Result<SyncClient::Comparison>> SyncClient::compareSettled(ServerLink link,
                                                                       RoundOptions options,
                                                                       QString node,
                                                                       RoundReport *report) {
    for (int attempt = 0;; ++attempt) {
        auto comparing = compareWithServer(link);
        auto compared = co_await comparing;
        if (!compared.ok() || compared->settled || attempt == 2)
            co_return compared;
        // Other devices' changes arrived since the pull: fetch them, then compare again.
        auto catchingUp = pullAll(link, options, node, report);
        auto caughtUp = co_await catchingUp;
        if (!caughtUp.ok())
            co_return caughtUp.error();
    }
}

QCoro::Task<Result<RoundReport>> SyncClient::syncRound(ServerLink link, RoundOptions options) {
    RoundReport report;
    const QString ws = m_workspace;
    auto say = [&](const QString &line) {
        if (options.progress)
            options.progress(line);
    };
    auto nodeJob = services::onWorker([ws] {
        return services::withDb(ws, [](store::Connection &db) {
            return store::Workspace::meta(db, QStringLiteral("node_id"));
        });
    });
    auto node = co_await nodeJob;
    if (!node.ok())
        co_return node.error();

    // Push: the outbox in batches, each acknowledged before the mark moves.
    if (!options.allowMassDelete) {
        auto questionJob = services::onWorker([ws] {
            return services::withDb(ws, [](store::Connection &db) -> Result<QString> {
                auto deletes = Outbox(db).pendingDeletesByFarm();
                if (!deletes.ok())
                    return deletes.error();
                return massDeleteQuestion(db, deletes.value(), true);
            });
        });
        auto question = co_await questionJob;
        if (!question.ok())
            co_return question.error();
        if (!question->isEmpty()) {
            report.needsConfirmation = question.value();
            co_return report;
        }
    }
    auto pushing = pushAll(link, options, node.value(), &report);
    auto pushed = co_await pushing;
    if (!pushed.ok())
        co_return pushed.error();

    auto pulling = pullAll(link, options, node.value(), &report);
    auto pulled = co_await pulling;
    if (!pulled.ok())
        co_return pulled.error();
    if (!report.needsConfirmation.isEmpty())
        co_return report;

    // Alert states derive from their events, which may now include other people's.
    auto derivedJob = services::onWriter([ws] {
        return services::withDb(
            ws, [](store::Connection &db) { return services::rederiveAlertStates(db); });
    });
    auto derived = co_await derivedJob;
    if (!derived.ok())
        co_return derived.error();
    if (derived.value() > 0) {
        auto pushingAgain = pushAll(link, options, node.value(), &report);
        auto again = co_await pushingAgain;
        if (!again.ok())
            co_return again.error();
    }

    // Sanity: the same digest on both sides, or a full resync. Compared only at one position:
    // while other devices keep pushing, the server's digest is ahead of this workspace's, and
    // the check waits for a quieter round rather than resync for nothing.
    auto comparing = compareSettled(link, options, node.value(), &report);
    auto diff = co_await comparing;
    if (!diff.ok())
        co_return diff.error();
    if (!diff->settled)
        say(tr("The server is busy with other devices' changes: the check after syncing waits "
               "for the next round."));
    if (!diff->differences.isEmpty()) {
        say(tr("The check after syncing found differences: resyncing everything…"));
        report.resynced = true;
        auto resetJob = services::onWriter([ws] {
            return services::withDb(ws, [](store::Connection &db) {
                return store::Workspace::setMeta(db, meta::pullCursor(), QStringLiteral("0"));
            });
        });
        auto reset = co_await resetJob;
        if (!reset.ok())
            co_return reset.error();
        auto pullingAgain = pullAll(link, options, node.value(), &report);
        auto again = co_await pullingAgain;
        if (!again.ok())
            co_return again.error();
        auto rebuiltJob = services::onWriter([ws] {
            return services::withDb(
                ws, [](store::Connection &db) { return Merger(db).rematerializeAll(); });
        });
        auto rebuilt = co_await rebuiltJob;
        if (!rebuilt.ok())
            co_return rebuilt.error();
        report.pendingRows = rebuilt->pendingRows;
        auto comparingAgain = compareSettled(link, options, node.value(), &report);
        diff = co_await comparingAgain;
        if (!diff.ok())
            co_return diff.error();
        if (!diff->differences.isEmpty())
            co_return syncError(ErrorCode::SyncRefused,
                                QStringLiteral("this workspace still differs from the server after "
                                               "a full resync: %1")
                                    .arg(diff->differences.join(QStringLiteral("; "))));
    }

    // The team: the server's accounts and roles on these farms become the workspace's.
    auto membersRequest = call(link, "GET", QStringLiteral("/v1/members"), QByteArray());
    auto membersAnswer = co_await membersRequest;
    if (!membersAnswer.ok())
        co_return membersAnswer.error();
    std::vector<services::ServerMember> members;
    for (const QJsonValue &v : membersAnswer->value(QStringLiteral("members")).toArray()) {
        const QJsonObject o = v.toObject();
        services::ServerMember m{o.value(QStringLiteral("username")).toString(),
                                 o.value(QStringLiteral("farm")).toString(),
                                 o.value(QStringLiteral("role")).toString(),
                                 o.value(QStringLiteral("disabled")).toBool()};
        if (m.username.isEmpty() || !Uuid7Generator::isValid(m.farmId) || !security::isRole(m.role))
            co_return syncError(ErrorCode::SyncRefused,
                                QStringLiteral("the server's list of members is malformed"));
        members.push_back(std::move(m));
    }
    auto mirroredJob = services::onWriter([ws, members] {
        return services::withDb(
            ws, [&](store::Connection &db) { return services::mirrorServerMembers(db, members); });
    });
    auto mirrored = co_await mirroredJob;
    if (!mirrored.ok())
        co_return mirrored.error();

    const RoundReport done = report;
    auto loggedJob = services::onWriter([ws, done] {
        return services::withDb(ws, [&](store::Connection &db) -> Result<void> {
            auto st = db.prepare("INSERT INTO sync_log (at, level, message, pushed, pulled, "
                                 "conflicts) VALUES (?, ?, ?, ?, ?, ?)");
            if (!st.ok())
                return st.error();
            st->bind(1, nowText());
            st->bind(2, QStringLiteral("info"));
            st->bind(3, done.resynced ? QStringLiteral("synced after a full resync")
                                      : QStringLiteral("synced"));
            st->bind(4, done.pushed);
            st->bind(5, done.pulled);
            st->bind(6, done.conflicts);
            AGRO_TRY(st->run());
            return store::Workspace::setMeta(db, meta::lastSync(), nowText());
        });
    });
    auto logged = co_await loggedJob;
    if (!logged.ok())
        co_return logged.error();
    co_return report;
}

} // namespace agro::sync

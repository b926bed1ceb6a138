#include "syncserver.h"

#include "pushauthorizer.h"
#include "security/passwordhash.h"
#include "serverstore.h"
#include "store/migrations.h"
#include "store/workspace.h"
#include "sync/changecodec.h"
#include "sync/changefeed.h"
#include "sync/hlc.h"
#include "sync/merger.h"
#include "sync/sanity.h"
#include "sync/uuid7.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>
#include <QTcpServer>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <functional>

Q_LOGGING_CATEGORY(lcServer, "agrodesk.server", QtInfoMsg)

namespace agro::server {

namespace {

using Status = QHttpServerResponder::StatusCode;
constexpr qsizetype kMaxBody = 64 << 20;
constexpr int kMaxPullPage = 5000;

qint64 nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

QHttpServerResponse json(const QJsonObject &o, Status status = Status::Ok) {
    QHttpServerResponse r(QByteArrayLiteral("application/json"),
                          QJsonDocument(o).toJson(QJsonDocument::Compact), status);
    r.setHeader(QByteArrayLiteral("X-AgroDesk-Time"), QByteArray::number(nowMs()));
    return r;
}

QHttpServerResponse failure(Status status, const QString &message, const QJsonObject &extra = {}) {
    QJsonObject o = extra;
    o.insert(QStringLiteral("error"), message);
    return json(o, status);
}

QHttpServerResponse internal(const Error &e) {
    qCWarning(lcServer) << "internal error:" << errorText(e);
    return failure(Status::InternalServerError, errorText(e));
}

std::optional<QHttpServerResponse> skewed(qint64 clientMs) {
    const qint64 skew = clientMs - nowMs();
    if (clientMs <= 0 || std::llabs(skew) <= kMaxClockSkewMs)
        return std::nullopt;
    return failure(Status::Conflict,
                   QStringLiteral("this computer's clock is %1 minutes %2 the server's: set the "
                                  "date and time, then sync again")
                       .arg(std::llabs(skew) / 60000)
                       .arg(skew > 0 ? QStringLiteral("ahead of") : QStringLiteral("behind")),
                   {{QStringLiteral("skew_ms"), QString::number(skew)}});
}

/// The signed-in account, or the response that refuses the request.
struct Session {
    std::optional<Account> account;
    std::optional<QHttpServerResponse> refusal;
};
Session authenticate(store::Connection &db, const QByteArray &bearer) {
    Session s;
    if (bearer.isEmpty()) {
        s.refusal = failure(Status::Unauthorized, QStringLiteral("sign in first"));
        return s;
    }
    auto id = ServerStore::sessionAccount(db, QString::fromLatin1(bearer), nowMs() / 1000);
    if (!id.ok()) {
        s.refusal = internal(id.error());
        return s;
    }
    if (!id->has_value()) {
        s.refusal =
            failure(Status::Unauthorized, QStringLiteral("the session has ended: sign in again"));
        return s;
    }
    auto a = ServerStore::accountById(db, **id);
    if (!a.ok() || !a->has_value()) {
        s.refusal = failure(Status::Unauthorized, QStringLiteral("sign in again"));
        return s;
    }
    s.account = **a;
    return s;
}

QJsonArray farmsOf(const Account &a) {
    QJsonArray farms;
    for (const auto &[farm, role] : a.roles)
        farms.append(QJsonObject{{QStringLiteral("id"), farm}, {QStringLiteral("role"), role}});
    return farms;
}

QStringList farmIds(const Account &a) {
    QStringList out;
    for (const auto &[farm, role] : a.roles)
        out.push_back(farm);
    return out;
}

} // namespace

/// One HTTP front end on its own thread with its own event loop. Requests are answered
/// synchronously on that thread, so a response is only ever written to a socket that thread
/// owns and that is still open: Qt 6.4's QFuture routes write to a socket the client may have
/// closed meanwhile (a crash seen when a client is killed mid-request). The threads share one
/// port through SO_REUSEPORT, and the kernel spreads connections over them.
class HttpWorker : public QThread {
public:
    HttpWorker(SyncServer &server, int fd, std::optional<QSslConfiguration> ssl)
        : m_server(server)
        , m_fd(fd)
        , m_ssl(std::move(ssl)) {}

protected:
    void run() override {
        QHttpServer http;
        m_server.addRoutes(http);
        QTcpServer *tcp = nullptr;
        if (m_ssl) {
            auto *ssl = new QSslServer(&http);
            ssl->setSslConfiguration(*m_ssl);
            tcp = ssl;
        } else {
            tcp = new QTcpServer(&http);
        }
        if (!tcp->setSocketDescriptor(m_fd)) {
            qCWarning(lcServer) << "cannot use the listening socket:" << tcp->errorString();
            return;
        }
        http.bind(tcp);
        exec();
    }

private:
    SyncServer &m_server;
    int m_fd;
    std::optional<QSslConfiguration> m_ssl;
};

namespace {
/// A listening TCP socket with SO_REUSEPORT, so several can share the port.
Result<int> listeningSocket(const QHostAddress &address, quint16 port, quint16 *boundPort) {
    const bool v6 = address.protocol() == QAbstractSocket::IPv6Protocol;
    const int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return Error::make(ErrorCode::Io, QString::fromLocal8Bit(std::strerror(errno)));
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    sockaddr_storage ss{};
    socklen_t len = 0;
    if (v6) {
        auto *a = reinterpret_cast<sockaddr_in6 *>(&ss);
        a->sin6_family = AF_INET6;
        a->sin6_port = htons(port);
        const Q_IPV6ADDR ip = address.toIPv6Address();
        std::memcpy(&a->sin6_addr, &ip, sizeof ip);
        len = sizeof *a;
    } else {
        auto *a = reinterpret_cast<sockaddr_in *>(&ss);
        a->sin_family = AF_INET;
        a->sin_port = htons(port);
        a->sin_addr.s_addr = htonl(address.toIPv4Address());
        len = sizeof *a;
    }
    if (::bind(fd, reinterpret_cast<sockaddr *>(&ss), len) != 0 || ::listen(fd, 256) != 0) {
        const QString why = QString::fromLocal8Bit(std::strerror(errno));
        ::close(fd);
        return Error::make(ErrorCode::Io, QStringLiteral("cannot listen on %1:%2: %3")
                                              .arg(address.toString())
                                              .arg(port)
                                              .arg(why));
    }
    sockaddr_storage got{};
    socklen_t gotLen = sizeof got;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&got), &gotLen);
    *boundPort = ntohs(v6 ? reinterpret_cast<sockaddr_in6 *>(&got)->sin6_port
                          : reinterpret_cast<sockaddr_in *>(&got)->sin_port);
    return fd;
}
} // namespace

SyncServer::SyncServer(ServerConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config)) {}

SyncServer::~SyncServer() {
    for (auto &w : m_workers) {
        w->quit();
        w->wait();
    }
}

void SyncServer::addRoutes(QHttpServer &http) {
    using M = QHttpServerRequest::Method;
    const auto add = [&](const char *path, M method, const QString &name,
                         std::function<QHttpServerResponse(const Call &)> handler) {
        http.route(QString::fromLatin1(path), method,
                   [this, name, handler](const QHttpServerRequest &req) {
                       QElapsedTimer t;
                       t.start();
                       Call c;
                       c.body = req.body();
                       c.address = req.remoteAddress().toString();
                       c.query = req.query();
                       const QByteArray auth = req.value(QByteArrayLiteral("Authorization"));
                       if (auth.startsWith("Bearer "))
                           c.bearer = auth.mid(7).trimmed();
                       QHttpServerResponse r = handler(c);
                       m_metrics.request(name, static_cast<int>(r.statusCode()),
                                         static_cast<double>(t.nsecsElapsed()) / 1e9);
                       return r;
                   });
    };
    add("/v1/login", M::Post, QStringLiteral("login"), [this](const Call &c) { return login(c); });
    add("/v1/logout", M::Post, QStringLiteral("logout"),
        [this](const Call &c) { return logout(c); });
    add("/v1/push", M::Post, QStringLiteral("push"), [this](const Call &c) { return push(c); });
    add("/v1/pull", M::Get, QStringLiteral("pull"), [this](const Call &c) { return pull(c); });
    add("/v1/sanity", M::Get, QStringLiteral("sanity"),
        [this](const Call &c) { return sanity(c); });
    add("/v1/members", M::Get, QStringLiteral("members"),
        [this](const Call &c) { return members(c); });
    add("/health", M::Get, QStringLiteral("health"), [this](const Call &) { return health(); });
    http.route(QStringLiteral("/metrics"), M::Get, [this] {
        return QHttpServerResponse(QByteArrayLiteral("text/plain; version=0.0.4"),
                                   m_metrics.render());
    });
}

Result<quint16> SyncServer::start() {
    const bool tls = !m_config.certPath.isEmpty() || !m_config.keyPath.isEmpty();
    if (!tls && !m_config.address.isLoopback())
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("plain HTTP is only served on the loopback address: give "
                                          "--tls-cert and --tls-key (or --dev-self-signed) to "
                                          "listen on %1")
                               .arg(m_config.address.toString()));
    // The store: a workspace file or a PostgreSQL database, with the server's tables.
    AGRO_TRY(prepareStore(m_config.store));
    auto dummy = security::hashPassword(QString::fromLatin1(security::randomBytes(12).toHex()));
    if (!dummy.ok())
        return dummy.error();
    m_dummyHash = dummy.value();

    if (tls) {
        QFile certFile(m_config.certPath), keyFile(m_config.keyPath);
        if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
            Error e =
                Error::make(ErrorCode::Io, QStringLiteral("cannot read the certificate or key"));
            e.file = certFile.isOpen() ? m_config.keyPath : m_config.certPath;
            return e;
        }
        const auto certs = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
        const QByteArray keyPem = keyFile.readAll();
        QSslKey key(keyPem, QSsl::Ec, QSsl::Pem);
        if (key.isNull())
            key = QSslKey(keyPem, QSsl::Rsa, QSsl::Pem);
        if (certs.isEmpty() || key.isNull())
            return Error::make(ErrorCode::InvalidArgument,
                               QStringLiteral("the certificate or key is not PEM"));
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setLocalCertificateChain(certs);
        ssl.setPrivateKey(key);
        ssl.setProtocol(QSsl::TlsV1_2OrLater);
        m_ssl = ssl;
    }

    quint16 port = m_config.port;
    for (int i = 0; i < std::max(1, m_config.workers); ++i) {
        quint16 bound = 0;
        auto fd = listeningSocket(m_config.address, port, &bound);
        if (!fd.ok())
            return fd.error();
        port = bound; // the first socket picks the port when asked for 0; the rest share it
        auto worker = std::make_unique<HttpWorker>(*this, fd.value(), m_ssl);
        worker->start();
        m_workers.push_back(std::move(worker));
    }
    qCInfo(lcServer).noquote() << "listening on" << (tls ? "https" : "http")
                               << m_config.address.toString() << port << "store"
                               << m_config.store.display();
    return port;
}

QHttpServerResponse SyncServer::login(const Call &c) {
    const QJsonObject body = QJsonDocument::fromJson(c.body).object();
    const QString username = body.value(QStringLiteral("username")).toString();
    const QString password = body.value(QStringLiteral("password")).toString();
    if (username.isEmpty() || password.isEmpty())
        return failure(Status::BadRequest, QStringLiteral("give a user name and a password"));
    const qint64 wait = m_throttle.waitMs(username, c.address, nowMs());
    if (wait > 0) {
        m_metrics.add(QStringLiteral("login_throttled"));
        QHttpServerResponse r = failure(
            Status::TooManyRequests,
            QStringLiteral("too many failed sign-ins: try again in %1 s").arg((wait + 999) / 1000),
            {{QStringLiteral("retry_after_ms"), QString::number(wait)}});
        r.setHeader(QByteArrayLiteral("Retry-After"), QByteArray::number((wait + 999) / 1000));
        return r;
    }
    auto db = connectStore(m_config.store);
    if (!db.ok())
        return internal(db.error());
    auto account = ServerStore::account(db.value(), username);
    if (!account.ok())
        return internal(account.error());
    QString stored = m_dummyHash;
    if (account->has_value()) {
        auto h = ServerStore::passwordHash(db.value(), (*account)->id);
        if (!h.ok())
            return internal(h.error());
        stored = h.value();
    }
    auto verified = security::verifyPassword(password, stored);
    if (!verified.ok())
        return internal(verified.error());
    if (!account->has_value() || !verified->matches) {
        m_throttle.failed(username, account->has_value(), c.address, nowMs());
        m_metrics.add(QStringLiteral("login_failures"));
        qCInfo(lcServer).noquote() << "failed sign-in for" << username << "from" << c.address;
        return failure(Status::Unauthorized, QStringLiteral("wrong user name or password"));
    }
    if ((*account)->disabled)
        return failure(Status::Forbidden, QStringLiteral("this account is disabled"));
    m_throttle.succeeded(username);
    if (verified->needsRehash)
        (void)ServerStore::setPassword(db.value(), username, password);
    auto token = ServerStore::openSession(db.value(), (*account)->id, nowMs() / 1000);
    if (!token.ok())
        return internal(token.error());
    return json({{QStringLiteral("token"), token.value()},
                 {QStringLiteral("account"), username},
                 {QStringLiteral("farms"), farmsOf(**account)},
                 {QStringLiteral("server_time_ms"), QString::number(nowMs())}});
}

QHttpServerResponse SyncServer::logout(const Call &c) {
    auto db = connectStore(m_config.store);
    if (!db.ok())
        return internal(db.error());
    Session s = authenticate(db.value(), c.bearer);
    if (s.refusal)
        return std::move(*s.refusal);
    auto r = ServerStore::closeSession(db.value(), QString::fromLatin1(c.bearer));
    if (!r.ok())
        return internal(r.error());
    return json({{QStringLiteral("signed_out"), true}});
}

QHttpServerResponse SyncServer::push(const Call &c) {
    if (c.body.size() > kMaxBody)
        return failure(Status::PayloadTooLarge,
                       QStringLiteral("a push carries at most %1 MiB").arg(kMaxBody >> 20));
    auto db = connectStore(m_config.store);
    if (!db.ok())
        return internal(db.error());
    Session s = authenticate(db.value(), c.bearer);
    if (s.refusal)
        return std::move(*s.refusal);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(c.body, &parseError);
    if (!doc.isObject())
        return failure(
            Status::BadRequest,
            QStringLiteral("the push is not a JSON object: %1").arg(parseError.errorString()));
    const QJsonObject body = doc.object();
    if (auto refusal = skewed(body.value(QStringLiteral("client_time_ms")).toString().toLongLong()))
        return std::move(*refusal);
    const QString batch = body.value(QStringLiteral("batch")).toString();
    if (!sync::Uuid7Generator::isValid(batch))
        return failure(Status::BadRequest, QStringLiteral("batch: not a UUIDv7"));
    auto changes = sync::decodeChanges(body.value(QStringLiteral("changes")));
    if (!changes.ok())
        return failure(Status::BadRequest, errorText(changes.error()));
    const qint64 horizon = nowMs() + kMaxClockSkewMs;
    for (size_t i = 0; i < changes->size(); ++i) {
        sync::Change &ch = (*changes)[i];
        if (sync::Hlc::unpack(ch.version.hlc).physicalMs > horizon)
            return failure(Status::BadRequest,
                           QStringLiteral("changes[%1].h: stamped in the future").arg(i));
        ch.author = s.account->username; // authorship is the server's to say
    }

    // A replayed batch gets the first answer again and changes nothing.
    auto replay = ServerStore::batchReply(db.value(), batch, s.account->id);
    if (!replay.ok())
        return internal(replay.error());
    if (replay->has_value()) {
        m_metrics.add(QStringLiteral("push_replays"));
        return json(QJsonDocument::fromJson(**replay).object());
    }

    QStringList createdFarms;
    std::optional<Error> refused;
    QJsonObject reply;
    sync::Merger::Hooks hooks;
    hooks.before = [&]() -> Result<void> {
        PushAuthorizer authorizer(db.value(), *s.account);
        auto ok = authorizer.authorize(changes.value());
        if (!ok.ok()) {
            refused = ok.error();
            return ok.error();
        }
        createdFarms = ok.value();
        for (const QString &farm : std::as_const(createdFarms)) {
            auto st = db->prepare("INSERT INTO server_grants (account, farm_id, role) "
                                  "VALUES (?, ?, 'owner')");
            if (!st.ok())
                return st.error();
            st->bind(1, s.account->id);
            st->bind(2, farm);
            AGRO_TRY(st->run());
        }
        return {};
    };
    hooks.after = [&](const sync::MergeStats &stats) -> Result<void> {
        auto head = sync::headSeq(db.value());
        if (!head.ok())
            return head.error();
        reply = {{QStringLiteral("batch"), batch},
                 {QStringLiteral("accepted"), stats.applied},
                 {QStringLiteral("duplicates"), stats.duplicates},
                 {QStringLiteral("conflicts"), stats.conflicts},
                 {QStringLiteral("head"), QString::number(head.value())},
                 {QStringLiteral("created_farms"), QJsonArray::fromStringList(createdFarms)}};
        return ServerStore::recordBatch(db.value(), batch, s.account->id, nowMs() / 1000,
                                        QJsonDocument(reply).toJson(QJsonDocument::Compact));
    };
    sync::Merger merger(db.value());
    auto merged =
        merger.apply(changes.value(), QDateTime::currentDateTimeUtc().toString(Qt::ISODate), hooks);
    if (refused) {
        m_metrics.add(QStringLiteral("push_refusals"));
        qCInfo(lcServer).noquote()
            << "refused push from" << s.account->username << ":" << refused->detail;
        return failure(Status::Forbidden, refused->detail);
    }
    if (!merged.ok()) {
        if (merged.error().code == ErrorCode::InvalidArgument)
            return failure(Status::BadRequest, errorText(merged.error()));
        return internal(merged.error());
    }
    m_metrics.add(QStringLiteral("pushes"));
    m_metrics.add(QStringLiteral("pushed_changes"), merged->applied);
    m_metrics.add(QStringLiteral("conflicts"), merged->conflicts);
    return json(reply);
}

QHttpServerResponse SyncServer::pull(const Call &c) {
    auto db = connectStore(m_config.store);
    if (!db.ok())
        return internal(db.error());
    Session s = authenticate(db.value(), c.bearer);
    if (s.refusal)
        return std::move(*s.refusal);
    if (auto refusal = skewed(c.query.queryItemValue(QStringLiteral("time")).toLongLong()))
        return std::move(*refusal);
    const qint64 after = c.query.queryItemValue(QStringLiteral("after")).toLongLong();
    int limit = c.query.queryItemValue(QStringLiteral("limit")).toInt();
    if (limit <= 0 || limit > kMaxPullPage)
        limit = kMaxPullPage;
    const QString node = c.query.queryItemValue(QStringLiteral("node"));
    auto page = sync::changesAfter(db.value(), std::max<qint64>(after, 0), farmIds(*s.account),
                                   true, node, limit);
    if (!page.ok())
        return internal(page.error());
    m_metrics.add(QStringLiteral("pulled_changes"), static_cast<qint64>(page->changes.size()));
    return json({{QStringLiteral("changes"), sync::encodeChanges(page->changes)},
                 {QStringLiteral("cursor"), QString::number(page->cursor)},
                 {QStringLiteral("more"), page->more},
                 {QStringLiteral("farms"), farmsOf(*s.account)}});
}

QHttpServerResponse SyncServer::sanity(const Call &c) {
    auto db = connectStore(m_config.store);
    if (!db.ok())
        return internal(db.error());
    Session s = authenticate(db.value(), c.bearer);
    if (s.refusal)
        return std::move(*s.refusal);
    // The digest is many reads; a push committed between them makes it describe no single
    // moment. The head before and after tells (writers commit in sequence order).
    auto before = sync::headSeq(db.value());
    if (!before.ok())
        return internal(before.error());
    auto digest = sync::computeDigest(db.value(), farmIds(*s.account), true);
    if (!digest.ok())
        return internal(digest.error());
    auto head = sync::headSeq(db.value());
    if (!head.ok())
        return internal(head.error());
    return json({{QStringLiteral("digest"), sync::encodeDigest(digest.value())},
                 {QStringLiteral("head"), QString::number(head.value())},
                 {QStringLiteral("settled"), head.value() == before.value()}});
}

QHttpServerResponse SyncServer::members(const Call &c) {
    // The people of the account's farms and their roles there: a synced workspace takes its
    // team from here (services::mirrorServerMembers). Names and roles only, never a hash.
    auto db = connectStore(m_config.store);
    if (!db.ok())
        return internal(db.error());
    Session s = authenticate(db.value(), c.bearer);
    if (s.refusal)
        return std::move(*s.refusal);
    const QStringList farms = farmIds(*s.account);
    std::string in;
    for (int i = 0; i < farms.size(); ++i)
        in += i ? ", ?" : "?";
    QJsonArray out;
    if (!farms.isEmpty()) {
        auto st = db->prepare("SELECT a.username, g.farm_id, g.role, a.disabled FROM server_grants "
                              "g JOIN server_accounts a ON a.id = g.account WHERE g.farm_id IN (" +
                              in + ") ORDER BY a.username, g.farm_id");
        if (!st.ok())
            return internal(st.error());
        for (int i = 0; i < farms.size(); ++i)
            st->bind(i + 1, farms[i]);
        auto read = st->forEachRow([&] {
            out.append(QJsonObject{{QStringLiteral("username"), st->text(0)},
                                   {QStringLiteral("farm"), st->text(1)},
                                   {QStringLiteral("role"), st->text(2)},
                                   {QStringLiteral("disabled"), st->int64(3) != 0}});
        });
        if (!read.ok())
            return internal(read.error());
    }
    return json({{QStringLiteral("members"), out}});
}

QHttpServerResponse SyncServer::health() {
    auto db = connectStore(m_config.store);
    if (!db.ok())
        return failure(Status::ServiceUnavailable, errorText(db.error()));
    auto v = store::schemaVersion(db.value());
    if (!v.ok())
        return failure(Status::ServiceUnavailable, errorText(v.error()));
    return json({{QStringLiteral("status"), QStringLiteral("ok")},
                 {QStringLiteral("schema"), v.value()},
                 {QStringLiteral("time_ms"), QString::number(nowMs())}});
}

} // namespace agro::server

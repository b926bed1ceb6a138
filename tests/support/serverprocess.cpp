#include "serverprocess.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTest>

#include <csignal>

namespace agro::test {

ServerProcess::ServerProcess(QString database)
    : m_database(std::move(database)) {
    m_process.setProcessChannelMode(QProcess::MergedChannels);
}

ServerProcess::~ServerProcess() {
    stop();
}

QString ServerProcess::databaseSpec() const {
    return m_database.startsWith(QLatin1String("postgresql://"))
               ? m_database
               : QStringLiteral("sqlite:") + m_database;
}

QString ServerProcess::binary() {
    return QStringLiteral(AGRODESK_SERVER_BIN);
}

bool ServerProcess::start(const QStringList &extra, const QString &listen) {
    m_log.clear();
    m_port = 0;
    if (m_process.isOpen())
        (void)m_process.readAll(); // what an earlier run printed is not this run's port
    QStringList args{QStringLiteral("--listen"),   listen,
                     QStringLiteral("--database"), databaseSpec(),
                     QStringLiteral("--workers"),  QStringLiteral("8")};
    m_process.start(binary(), args + extra);
    if (!m_process.waitForStarted(10000))
        return false;
    static const QRegularExpression re(QStringLiteral("listening on https?://[^:]+:(\\d+)"));
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 20000) {
        if (!m_process.waitForReadyRead(200) && m_process.state() != QProcess::Running)
            break;
        m_log += QString::fromUtf8(m_process.readAll());
        auto m = re.match(m_log);
        if (m.hasMatch()) {
            m_port = m.captured(1).toUShort();
            return true;
        }
    }
    m_log += QString::fromUtf8(m_process.readAll());
    return false;
}

void ServerProcess::kill() {
    if (m_process.state() == QProcess::NotRunning)
        return;
    ::kill(static_cast<pid_t>(m_process.processId()), SIGKILL);
    m_process.waitForFinished(10000);
}

void ServerProcess::stop() {
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(10000))
        kill();
}

QString ServerProcess::url(const QString &scheme) const {
    return scheme + QStringLiteral("://127.0.0.1:") + QString::number(m_port);
}

int ServerProcess::admin(const QStringList &args, const QByteArray &stdinText, QString *out) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(binary(), args + QStringList{QStringLiteral("--database"), databaseSpec()});
    p.waitForStarted();
    if (!stdinText.isEmpty())
        p.write(stdinText);
    p.closeWriteChannel();
    p.waitForFinished(60000);
    if (out)
        *out = QString::fromUtf8(p.readAll());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

QByteArray HttpReply::header(const QByteArray &name) const {
    for (const auto &h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    return {};
}

HttpReply http(const QString &verb, const QString &url, const QByteArray &body,
               const QString &token) {
    static QNetworkAccessManager *nam = new QNetworkAccessManager;
    QNetworkRequest req{QUrl(url)};
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!token.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    QNetworkReply *reply = verb == QLatin1String("GET") ? nam->get(req) : nam->post(req, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    HttpReply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    r.json = QJsonDocument::fromJson(r.body).object();
    r.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return r;
}

} // namespace agro::test

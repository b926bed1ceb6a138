// agrodesk-server: the sync server (docs/sync.md, "Running the server").
//
//   agrodesk-server --listen HOST:PORT --database sqlite:PATH|postgresql://USER@HOST/DB
//                   [--tls-cert FILE --tls-key FILE | --dev-self-signed]
//   agrodesk-server user add|passwd NAME --database sqlite:PATH --password-stdin
//   agrodesk-server user disable|enable NAME --database sqlite:PATH
//   agrodesk-server user grant NAME --farm FARM --role ROLE --database sqlite:PATH
//   agrodesk-server user revoke NAME --farm FARM --database sqlite:PATH
//   agrodesk-server user list --database sqlite:PATH

#include "common/result.h"
#include "devcertificate.h"
#include "serverstore.h"
#include "store/workspace.h"
#include "syncserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTextStream>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <string>

using namespace agro;

namespace {

int fail(const QString &message) {
    QTextStream(stderr) << "agrodesk-server: " << message << '\n';
    return 1;
}

QString readPassword() {
    std::string line;
    std::getline(std::cin, line);
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return QString::fromStdString(line);
}

int userCommand(const QStringList &args, const server::StoreAddress &store, QCommandLineParser &p) {
    if (args.size() < 2)
        return fail(QStringLiteral("user add|passwd|disable|enable|grant|revoke|list"));
    const QString verb = args[1];
    if (auto r = server::prepareStore(store); !r.ok())
        return fail(errorText(r.error()));
    auto db = server::connectStore(store);
    if (!db.ok())
        return fail(errorText(db.error()));
    if (verb == QLatin1String("list")) {
        auto all = server::ServerStore::accounts(db.value());
        if (!all.ok())
            return fail(errorText(all.error()));
        QTextStream out(stdout);
        for (const auto &a : all.value()) {
            out << a.username << (a.disabled ? " (disabled)" : "");
            for (const auto &[farm, role] : a.roles)
                out << ' ' << farm << '=' << role;
            out << '\n';
        }
        return 0;
    }
    if (args.size() < 3)
        return fail(QStringLiteral("user %1 needs a user name").arg(verb));
    const QString name = args[2];
    Result<void> done;
    if (verb == QLatin1String("add") || verb == QLatin1String("passwd")) {
        if (!p.isSet(QStringLiteral("password-stdin")))
            return fail(
                QStringLiteral("give the password on standard input with --password-stdin"));
        const QString password = readPassword();
        if (verb == QLatin1String("add")) {
            auto a = server::ServerStore::addAccount(db.value(), name, password);
            done = a.ok() ? Result<void>() : Result<void>(a.error());
        } else {
            done = server::ServerStore::setPassword(db.value(), name, password);
        }
    } else if (verb == QLatin1String("disable") || verb == QLatin1String("enable")) {
        done = server::ServerStore::setDisabled(db.value(), name, verb == QLatin1String("disable"));
    } else if (verb == QLatin1String("grant")) {
        auto farm = server::ServerStore::grant(db.value(), name, p.value(QStringLiteral("farm")),
                                               p.value(QStringLiteral("role")));
        if (!farm.ok())
            return fail(errorText(farm.error()));
        QTextStream(stdout) << name << " is " << p.value(QStringLiteral("role")) << " on farm "
                            << farm.value() << '\n';
        return 0;
    } else if (verb == QLatin1String("revoke")) {
        done = server::ServerStore::revoke(db.value(), name, p.value(QStringLiteral("farm")));
    } else {
        return fail(QStringLiteral("unknown user command %1").arg(verb));
    }
    if (!done.ok())
        return fail(errorText(done.error()));
    QTextStream(stdout) << "user " << verb << ' ' << name << ": done\n";
    return 0;
}

} // namespace

int main(int argc, char **argv) {
    // A client that goes away mid-answer must not take the server with it: writes to a closed
    // connection fail with EPIPE instead of killing the process.
    std::signal(SIGPIPE, SIG_IGN);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("agrodesk-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(AGRODESK_VERSION));
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("AgroDesk sync server"));
    p.addHelpOption();
    p.addVersionOption();
    p.addOptions({
        {QStringLiteral("listen"), QStringLiteral("Address and port (default 127.0.0.1:8443)."),
         QStringLiteral("HOST:PORT"), QStringLiteral("127.0.0.1:8443")},
        {QStringLiteral("database"),
         QStringLiteral("sqlite:PATH (created if missing) or postgresql://USER@HOST[:PORT]/DB."),
         QStringLiteral("SPEC")},
        {QStringLiteral("tls-cert"), QStringLiteral("PEM certificate (chain)."),
         QStringLiteral("FILE")},
        {QStringLiteral("tls-key"), QStringLiteral("PEM private key."), QStringLiteral("FILE")},
        {QStringLiteral("dev-self-signed"),
         QStringLiteral(
             "Generate a self-signed certificate for local use (next to the database).")},
        {QStringLiteral("workers"), QStringLiteral("Worker threads (default 8)."),
         QStringLiteral("N"), QStringLiteral("8")},
        {QStringLiteral("password-stdin"),
         QStringLiteral("Read the password from standard input.")},
        {QStringLiteral("farm"), QStringLiteral("Farm id or name."), QStringLiteral("FARM")},
        {QStringLiteral("role"), QStringLiteral("owner, manager, agronomist, inspector or viewer."),
         QStringLiteral("ROLE")},
    });
    p.addPositionalArgument(QStringLiteral("command"),
                            QStringLiteral("(none) to serve, or user …"));
    p.process(app);

    if (!p.isSet(QStringLiteral("database")))
        return fail(QStringLiteral("give --database sqlite:PATH or postgresql://…"));
    auto store = server::StoreAddress::parse(p.value(QStringLiteral("database")));
    if (!store.ok())
        return fail(errorText(store.error()));
    const QStringList args = p.positionalArguments();
    if (!args.isEmpty()) {
        if (args[0] != QLatin1String("user"))
            return fail(QStringLiteral("unknown command %1").arg(args[0]));
        return userCommand(args, store.value(), p);
    }

    server::ServerConfig config;
    config.store = store.value();
    const QString listen = p.value(QStringLiteral("listen"));
    const qsizetype colon = listen.lastIndexOf(QLatin1Char(':'));
    bool portOk = false;
    config.port = colon > 0 ? listen.mid(colon + 1).toUShort(&portOk) : 0;
    config.address = QHostAddress(colon > 0 ? listen.left(colon) : QString());
    if (colon <= 0 || !portOk || config.address.isNull())
        return fail(QStringLiteral("--listen takes HOST:PORT, e.g. 127.0.0.1:8443 (got \"%1\")")
                        .arg(listen));
    config.workers = p.value(QStringLiteral("workers")).toInt();
    config.certPath = p.value(QStringLiteral("tls-cert"));
    config.keyPath = p.value(QStringLiteral("tls-key"));
    if (p.isSet(QStringLiteral("dev-self-signed"))) {
        const QString dir = config.store.localDirectory();
        config.certPath = dir + QStringLiteral("/agrodesk-dev-cert.pem");
        config.keyPath = dir + QStringLiteral("/agrodesk-dev-key.pem");
        QStringList names{QStringLiteral("localhost"), QStringLiteral("127.0.0.1")};
        if (!config.address.isLoopback() && config.address != QHostAddress::Any)
            names << config.address.toString();
        if (!QFileInfo::exists(config.certPath)) {
            auto fp = server::writeSelfSignedCertificate(config.certPath, config.keyPath, names);
            if (!fp.ok())
                return fail(errorText(fp.error()));
            QTextStream(stdout) << "self-signed certificate " << config.certPath
                                << "\nSHA-256 fingerprint " << fp.value()
                                << "\nclients trust it with --ca " << config.certPath << '\n';
        }
    }
    server::SyncServer server(config);
    auto port = server.start();
    if (!port.ok())
        return fail(errorText(port.error()));
    QTextStream(stdout) << "agrodesk-server listening on "
                        << (config.certPath.isEmpty() ? "http" : "https") << "://"
                        << config.address.toString() << ':' << port.value() << Qt::endl;
    return app.exec();
}

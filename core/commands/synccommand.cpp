#include "synccommand.h"

#include "passwordinput.h"

#include "store/workspace.h"
#include "sync/outbox.h"
#include "sync/syncclient.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>

#include <iostream>
#include <optional>
#include <string>

namespace agro::commands {

namespace {
QString tr(const char *s) {
    return QCoreApplication::translate("agrodesk-cli", s);
}

/// Runs a task to completion on a local event loop (the CLI has no other).
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

int fail(QTextStream &err, const QString &message) {
    err << "agrodesk-cli sync: " << message << Qt::endl;
    return 1;
}
} // namespace

int syncCommand(QCommandLineParser &p, QTextStream &out, QTextStream &err) {
    const QString workspace = p.value(QStringLiteral("workspace"));
    const QString server = p.value(QStringLiteral("server"));
    const QString user = p.value(QStringLiteral("user"));
    if (workspace.isEmpty() || server.isEmpty() || user.isEmpty())
        return fail(err, tr("give --workspace, --server and --user"));
    const QString password = passwordFrom(p.isSet(QStringLiteral("password-stdin")));
    if (password.isEmpty())
        return fail(err, tr("give the password with --password-stdin or AGRODESK_PASSWORD"));

    bool created = false;
    if (!QFileInfo::exists(workspace)) {
        auto ws = store::Workspace::create(workspace);
        if (!ws.ok())
            return fail(err, errorText(ws.error()));
        created = true;
    } else {
        auto ws = store::Workspace::open(workspace);
        if (!ws.ok())
            return fail(err, errorText(ws.error()));
    }

    sync::RoundOptions options;
    options.allowMassDelete = p.isSet(QStringLiteral("allow-mass-delete"));
    if (p.isSet(QStringLiteral("page-size"))) {
        bool ok = false;
        options.pageSize = p.value(QStringLiteral("page-size")).toInt(&ok);
        if (!ok || options.pageSize < 1 || options.pageSize > 5000)
            return fail(err, tr("--page-size takes 1 to 5000"));
    }
    sync::SyncClient client(workspace);
    sync::ServerLink link;
    link.url = QUrl(server);
    link.caFile = p.value(QStringLiteral("ca"));
    auto login = runTask(client.login(link, user, password));
    if (!login.ok())
        return fail(err, errorText(login.error()));
    link.token = login->token;
    options.progress = [&](const QString &line) { err << line << Qt::endl; };
    auto round = runTask(client.syncRound(link, options));
    (void)runTask(client.logout(link));
    if (!round.ok())
        return fail(err, errorText(round.error()));
    if (!round->needsConfirmation.isEmpty())
        return fail(err, tr("stopped before a mass deletion: %1. Run again with "
                            "--allow-mass-delete to go ahead.")
                             .arg(round->needsConfirmation));
    // Remember where this workspace syncs (not the password or token), so the app offers
    // the same server and account.
    if (auto db = store::Workspace::connect(workspace); db.ok()) {
        (void)store::Workspace::setMeta(db.value(), sync::meta::server(), server);
        (void)store::Workspace::setMeta(db.value(), sync::meta::account(), user);
        (void)store::Workspace::setMeta(db.value(), sync::meta::caFile(), link.caFile);
    }
    auto pending = sync::SyncClient::pendingCount(workspace);
    out << (created ? "created " : "") << "synced " << workspace << " with " << server << " as "
        << user << ": pushed " << round->pushed << ", pulled " << round->pulled << ", conflicts "
        << round->conflicts << (round->resynced ? ", after a full resync" : "") << ", pending "
        << (pending.ok() ? pending.value() : -1) << Qt::endl;
    for (const QString &row : std::as_const(round->pendingRows))
        err << "not yet applied: " << row << Qt::endl;
    return 0;
}

} // namespace agro::commands

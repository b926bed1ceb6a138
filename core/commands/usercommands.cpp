#include "usercommands.h"

#include "passwordinput.h"
#include "security/sessions.h"
#include "services/actor.h"
#include "services/signin.h"
#include "services/userservice.h"
#include "store/auditlog.h"
#include "store/workspace.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace agro::commands {

namespace {
QString tr(const char *s) {
    return QCoreApplication::translate("agrodesk-cli", s);
}

int failWith(QTextStream &err, const Error &e) {
    err << tr("error: ") << errorText(e) << Qt::endl;
    return e.code == ErrorCode::InvalidArgument ? 2 : 1;
}

Error missing(const QString &what) {
    return Error::make(ErrorCode::InvalidArgument, tr("%1 is required").arg(what));
}
} // namespace

Result<void> actAsRequested(const QCommandLineParser &p, bool commandReadsStdin) {
    const QString path = p.value(QStringLiteral("workspace"));
    if (path.isEmpty() || !QFileInfo::exists(path))
        return {};
    auto opened = store::Workspace::open(path); // migrates first, as every command does
    if (!opened.ok())
        return opened.error();
    auto db = store::Workspace::connect(path);
    if (!db.ok())
        return db.error();
    security::Sessions::signOut(path);
    auto required = services::requiresSignIn(db.value());
    if (!required.ok())
        return required.error();
    const QString as = p.value(QStringLiteral("as"));
    if (as.isEmpty()) {
        if (required.value())
            return Error::make(ErrorCode::WorkspaceSignIn,
                               tr("this workspace requires sign-in: give --as USER and the "
                                  "password in AGRODESK_PASSWORD or with --password-stdin"));
        auto owner = services::defaultOwner(db.value());
        if (owner.ok())
            security::Sessions::signIn(path, {owner->userId, owner->username});
        return {};
    }
    auto user = services::users::find(db.value(), as);
    if (!user.ok())
        return user.error();
    if (!user->hasPassword) {
        if (required.value())
            return Error::make(
                ErrorCode::SignInFailed,
                tr("%1 has no password and this workspace requires sign-in").arg(as));
        if (user->disabled)
            return Error::make(ErrorCode::PermissionDenied, tr("user %1 is disabled").arg(as));
        security::Sessions::signIn(path, {user->id, user->username});
        return {};
    }
    const bool fromStdin = p.isSet(QStringLiteral("password-stdin")) && !commandReadsStdin;
    const QString password = passwordFrom(fromStdin);
    if (password.isEmpty())
        return Error::make(ErrorCode::WorkspaceSignIn,
                           tr("give %1's password in AGRODESK_PASSWORD or with "
                              "--password-stdin")
                               .arg(as));
    auto signedIn =
        services::signIn(db.value(), user->username, password, QDateTime::currentDateTimeUtc());
    if (!signedIn.ok())
        return signedIn.error();
    return {};
}

int userCommand(const QCommandLineParser &p, const QString &sub, QTextStream &out,
                QTextStream &err) {
    const QString path = p.value(QStringLiteral("workspace"));
    if (path.isEmpty())
        return failWith(err, missing(QStringLiteral("--workspace")));
    auto db = store::Workspace::connect(path);
    if (!db.ok())
        return failWith(err, db.error());
    const QStringList args = p.positionalArguments().mid(2);
    const QString name = args.value(0);
    const QString farm = p.value(QStringLiteral("farm"));
    const QString role = p.value(QStringLiteral("role"));

    if (sub == QLatin1String("list")) {
        auto all = services::users::list(db.value());
        if (!all.ok())
            return failWith(err, all.error());
        for (const auto &u : all.value()) {
            QStringList roles;
            for (const auto &r : u.roles)
                roles << QStringLiteral("%1 on %2").arg(r.role, r.farmName);
            out << QStringLiteral("%1\t%2\t%3%4\t%5\n")
                       .arg(u.username, u.displayName, u.disabled ? tr("disabled") : tr("active"),
                            u.hasPassword ? QString() : tr(", no password"),
                            roles.join(QStringLiteral("; ")));
        }
        return 0;
    }
    if (name.isEmpty())
        return failWith(err, missing(tr("the user name")));
    const bool newPasswordFromStdin = p.isSet(QStringLiteral("password-stdin"));
    if (sub == QLatin1String("add")) {
        if (farm.isEmpty() || role.isEmpty())
            return failWith(err, missing(QStringLiteral("--farm and --role")));
        if (!newPasswordFromStdin)
            return failWith(err, missing(QStringLiteral("--password-stdin")));
        auto id = services::users::add(db.value(), name, p.value(QStringLiteral("display-name")),
                                       readPasswordLine(), farm, role);
        if (!id.ok())
            return failWith(err, id.error());
        out << tr("added %1 as %2 on %3\n").arg(name, role, farm);
        return 0;
    }
    auto user = services::users::find(db.value(), name);
    if (!user.ok())
        return failWith(err, user.error());
    Result<void> done;
    if (sub == QLatin1String("grant")) {
        if (farm.isEmpty() || role.isEmpty())
            return failWith(err, missing(QStringLiteral("--farm and --role")));
        done = services::users::grant(db.value(), user->id, farm, role);
    } else if (sub == QLatin1String("revoke")) {
        if (farm.isEmpty())
            return failWith(err, missing(QStringLiteral("--farm")));
        done = services::users::revoke(db.value(), user->id, farm);
    } else if (sub == QLatin1String("passwd")) {
        if (!newPasswordFromStdin)
            return failWith(err, missing(QStringLiteral("--password-stdin")));
        done = services::users::setPassword(db.value(), user->id, readPasswordLine());
    } else if (sub == QLatin1String("disable") || sub == QLatin1String("enable")) {
        done = services::users::setDisabled(db.value(), user->id, sub == QLatin1String("disable"));
    } else {
        return failWith(
            err, Error::make(ErrorCode::InvalidArgument, tr("unknown user command: %1").arg(sub)));
    }
    if (!done.ok())
        return failWith(err, done.error());
    out << tr("%1: done\n").arg(sub);
    return 0;
}

int signInSettingCommand(const QCommandLineParser &p, QTextStream &out, QTextStream &err) {
    const QString path = p.value(QStringLiteral("workspace"));
    const QString value = p.value(QStringLiteral("set"));
    if (path.isEmpty() || (value != QLatin1String("on") && value != QLatin1String("off")))
        return failWith(err, missing(QStringLiteral("--workspace and --set on|off")));
    auto db = store::Workspace::connect(path);
    if (!db.ok())
        return failWith(err, db.error());
    const bool on = value == QLatin1String("on");
    if (auto r = services::users::setSignInRequired(db.value(), on); !r.ok())
        return failWith(err, r.error());
    out << tr("sign-in %1 for %2\n").arg(on ? tr("required") : tr("not required"), path);
    return 0;
}

} // namespace agro::commands

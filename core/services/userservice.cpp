#include "userservice.h"

#include "actor.h"

#include "security/passwordhash.h"
#include "security/passwordpolicy.h"
#include "security/permissions.h"
#include "security/sessions.h"
#include "signin.h"
#include "store/auditlog.h"
#include "store/mutator.h"
#include "store/workspace.h"
#include "worker.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace agro::services::users {

namespace {

Result<void> audit(store::Mutator &m, const QString &action, const QString &userId,
                   const QJsonObject &detail) {
    // Inside the Mutator's transaction: the entry commits with the change it records.
    return store::AuditLog::record(m.db(), action, QStringLiteral("users"), userId, detail);
}

Result<QString> membershipId(store::Connection &db, const QString &userId, const QString &farmId) {
    auto st = db.prepare("SELECT id FROM memberships WHERE user_id = ? AND farm_id = ?");
    if (!st.ok())
        return st.error();
    st->bind(1, userId);
    st->bind(2, farmId);
    auto row = st->step();
    if (!row.ok())
        return row.error();
    return row.value() ? st->text(0) : QString();
}

Error badRole(const QString &role) {
    Error e = Error::make(ErrorCode::InvalidArgument,
                          QStringLiteral("role %1 (one of %2)")
                              .arg(role, security::roles().join(QStringLiteral(", "))));
    e.field = QStringLiteral("role");
    return e;
}

} // namespace

Result<QString> farmId(store::Connection &db, const QString &nameOrId) {
    auto st = db.prepare("SELECT id FROM farms WHERE id = ?1 OR name = ?1 ORDER BY id = ?1 DESC "
                         "LIMIT 1");
    if (!st.ok())
        return st.error();
    st->bind(1, nameOrId);
    auto row = st->step();
    if (!row.ok())
        return row.error();
    if (!row.value()) {
        Error e = Error::make(ErrorCode::NotFound, QStringLiteral("farm %1").arg(nameOrId));
        e.field = QStringLiteral("farm");
        return e;
    }
    return st->text(0);
}

Result<std::vector<UserRow>> list(store::Connection &db) {
    std::vector<UserRow> out;
    {
        auto st = db.prepare("SELECT id, username, display_name, disabled, password_hash IS NOT "
                             "NULL FROM users ORDER BY username");
        if (!st.ok())
            return st.error();
        AGRO_TRY(st->forEachRow([&] {
            out.push_back(
                {st->text(0), st->text(1), st->text(2), st->int64(3) != 0, st->int64(4) != 0, {}});
        }));
    }
    auto st = db.prepare("SELECT m.user_id, m.farm_id, f.name, m.role FROM memberships m JOIN "
                         "farms f ON f.id = m.farm_id ORDER BY f.name");
    if (!st.ok())
        return st.error();
    AGRO_TRY(st->forEachRow([&] {
        for (UserRow &u : out)
            if (u.id == st->text(0))
                u.roles.push_back({st->text(1), st->text(2), st->text(3)});
    }));
    return out;
}

Result<UserRow> find(store::Connection &db, const QString &nameOrId) {
    auto all = list(db);
    if (!all.ok())
        return all.error();
    for (const UserRow &u : all.value())
        if (u.username == nameOrId || u.id == nameOrId)
            return u;
    Error e = Error::make(ErrorCode::NotFound, QStringLiteral("user %1").arg(nameOrId));
    e.field = QStringLiteral("user");
    return e;
}

Result<QString> add(store::Connection &db, const QString &username, const QString &displayName,
                    const QString &password, const QString &farm, const QString &role) {
    const QString name = username.trimmed();
    if (name.isEmpty() || name.contains(QLatin1Char(' '))) {
        Error e = Error::make(ErrorCode::InvalidArgument,
                              QStringLiteral("a user name is one word: '%1'").arg(username));
        e.field = QStringLiteral("username");
        return e;
    }
    if (!security::isRole(role))
        return badRole(role);
    if (find(db, name).ok()) {
        Error e = Error::make(ErrorCode::CsvDuplicateKey,
                              QStringLiteral("user %1 already exists").arg(name));
        e.field = QStringLiteral("username");
        return e;
    }
    AGRO_TRY(security::checkNewPassword(password, name));
    auto farmRow = farmId(db, farm);
    if (!farmRow.ok())
        return farmRow.error();
    // Hashing takes a few hundred milliseconds: before the write transaction, not inside it.
    auto hash = security::hashPassword(password);
    if (!hash.ok())
        return hash.error();
    auto m = store::Mutator::begin(db);
    if (!m.ok())
        return m.error();
    const QString id = m->newId();
    AGRO_TRY(m->insert(QStringLiteral("users"), id,
                       {{QStringLiteral("username"), name},
                        {QStringLiteral("display_name"),
                         displayName.trimmed().isEmpty() ? name : displayName.trimmed()},
                        {QStringLiteral("password_hash"), hash.value()},
                        {QStringLiteral("disabled"), 0}}));
    AGRO_TRY(m->insert(QStringLiteral("memberships"), m->newId(),
                       {{QStringLiteral("user_id"), id},
                        {QStringLiteral("farm_id"), farmRow.value()},
                        {QStringLiteral("role"), role}}));
    AGRO_TRY(audit(m.value(), QStringLiteral("user.add"), id,
                   {{QStringLiteral("username"), name},
                    {QStringLiteral("farm_id"), farmRow.value()},
                    {QStringLiteral("role"), role}}));
    AGRO_TRY(m->commit());
    return id;
}

Result<void> grant(store::Connection &db, const QString &userId, const QString &farm,
                   const QString &role) {
    if (!security::isRole(role))
        return badRole(role);
    auto farmRow = farmId(db, farm);
    if (!farmRow.ok())
        return farmRow.error();
    auto existing = membershipId(db, userId, farmRow.value());
    if (!existing.ok())
        return existing.error();
    auto m = store::Mutator::begin(db);
    if (!m.ok())
        return m.error();
    if (existing->isEmpty())
        AGRO_TRY(m->insert(QStringLiteral("memberships"), m->newId(),
                           {{QStringLiteral("user_id"), userId},
                            {QStringLiteral("farm_id"), farmRow.value()},
                            {QStringLiteral("role"), role}}));
    else
        AGRO_TRY(m->update(QStringLiteral("memberships"), existing.value(),
                           {{QStringLiteral("role"), role}}));
    AGRO_TRY(audit(m.value(), QStringLiteral("role.grant"), userId,
                   {{QStringLiteral("farm_id"), farmRow.value()}, {QStringLiteral("role"), role}}));
    return m->commit();
}

Result<void> revoke(store::Connection &db, const QString &userId, const QString &farm) {
    auto farmRow = farmId(db, farm);
    if (!farmRow.ok())
        return farmRow.error();
    auto existing = membershipId(db, userId, farmRow.value());
    if (!existing.ok())
        return existing.error();
    if (existing->isEmpty())
        return Error::make(ErrorCode::NotFound, QStringLiteral("no role on farm %1").arg(farm));
    auto m = store::Mutator::begin(db);
    if (!m.ok())
        return m.error();
    AGRO_TRY(m->remove(QStringLiteral("memberships"), existing.value()));
    AGRO_TRY(audit(m.value(), QStringLiteral("role.revoke"), userId,
                   {{QStringLiteral("farm_id"), farmRow.value()}}));
    return m->commit();
}

Result<void> setPassword(store::Connection &db, const QString &userId, const QString &password) {
    auto user = find(db, userId);
    if (!user.ok())
        return user.error();
    AGRO_TRY(security::checkNewPassword(password, user->username));
    auto hash = security::hashPassword(password);
    if (!hash.ok())
        return hash.error();
    auto m = store::Mutator::begin(db);
    if (!m.ok())
        return m.error();
    AGRO_TRY(m->update(QStringLiteral("users"), user->id,
                       {{QStringLiteral("password_hash"), hash.value()}}));
    AGRO_TRY(audit(m.value(), QStringLiteral("user.password"), user->id, {}));
    return m->commit();
}

Result<void> setDisabled(store::Connection &db, const QString &userId, bool disabled) {
    auto m = store::Mutator::begin(db);
    if (!m.ok())
        return m.error();
    AGRO_TRY(m->update(QStringLiteral("users"), userId,
                       {{QStringLiteral("disabled"), disabled ? 1 : 0}}));
    AGRO_TRY(audit(m.value(),
                   disabled ? QStringLiteral("user.disable") : QStringLiteral("user.enable"),
                   userId, {}));
    return m->commit();
}

Result<void> setSignInRequired(store::Connection &db, bool on) {
    AGRO_TRY(requireOwner(db, QStringLiteral("change sign-in")));
    auto tx = store::Transaction::begin(db);
    if (!tx.ok())
        return tx.error();
    AGRO_TRY(setRequiresSignIn(db, on));
    AGRO_TRY(store::AuditLog::record(
        db, QStringLiteral("settings.change"), QStringLiteral("workspace_meta"),
        QStringLiteral("require_signin"), {{QStringLiteral("value"), on}}));
    return tx->commit();
}

} // namespace agro::services::users

namespace agro::services {

namespace {
/// Runs `f(connection)` on the writer thread.
template<class F> auto onWriterWith(const QString &workspace, F f) {
    return onWriter([workspace, f]() -> decltype(f(std::declval<store::Connection &>())) {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        return f(db.value());
    });
}
} // namespace

QCoro::Task<Result<UserService::Overview>> UserService::overview(QString workspace) {
    auto work = [workspace]() -> Result<Overview> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        Overview o;
        auto all = users::list(db.value());
        if (!all.ok())
            return all.error();
        o.users = std::move(all).value();
        auto st = db->prepare("SELECT id, name FROM farms ORDER BY name");
        if (!st.ok())
            return st.error();
        AGRO_TRY(st->forEachRow([&] { o.farms.emplace_back(st->text(0), st->text(1)); }));
        st = store::Statement();
        auto required = requiresSignIn(db.value());
        if (!required.ok())
            return required.error();
        o.signInRequired = required.value();
        auto server = store::Workspace::meta(db.value(), QStringLiteral("sync_server"));
        if (!server.ok())
            return server.error();
        o.syncServer = server.value();
        const auto who = security::Sessions::current(workspace);
        o.me = who ? who->userId : QString();
        o.mayManage = !who;
        for (const UserRow &u : o.users)
            if (who && u.id == who->userId)
                for (const auto &r : u.roles)
                    o.mayManage = o.mayManage || r.role == QLatin1String("owner");
        return o;
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<QString>> UserService::add(QString workspace, QString username,
                                              QString displayName, QString password, QString farmId,
                                              QString role) {
    auto task = onWriterWith(workspace, [=](store::Connection &db) {
        return users::add(db, username, displayName, password, farmId, role);
    });
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<void>> UserService::grant(QString workspace, QString userId, QString farmId,
                                             QString role) {
    auto task = onWriterWith(
        workspace, [=](store::Connection &db) { return users::grant(db, userId, farmId, role); });
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<void>> UserService::revoke(QString workspace, QString userId, QString farmId) {
    auto task = onWriterWith(
        workspace, [=](store::Connection &db) { return users::revoke(db, userId, farmId); });
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<void>> UserService::setPassword(QString workspace, QString userId,
                                                   QString password) {
    auto task = onWriterWith(
        workspace, [=](store::Connection &db) { return users::setPassword(db, userId, password); });
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<void>> UserService::setDisabled(QString workspace, QString userId,
                                                   bool disabled) {
    auto task = onWriterWith(
        workspace, [=](store::Connection &db) { return users::setDisabled(db, userId, disabled); });
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<void>> UserService::setSignInRequired(QString workspace, bool on) {
    auto task = onWriterWith(
        workspace, [=](store::Connection &db) { return users::setSignInRequired(db, on); });
    auto result = co_await task;
    co_return result;
}

} // namespace agro::services

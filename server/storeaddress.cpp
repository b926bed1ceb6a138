#include "storeaddress.h"

#include "serverstore.h"
#include "store/migrations.h"
#include "store/workspace.h"

#include <QDir>
#include <QFileInfo>
#include <QUrl>

namespace agro::server {

Result<StoreAddress> StoreAddress::parse(const QString &spec) {
    if (spec.startsWith(QLatin1String("sqlite:")) && spec.size() > 7)
        return StoreAddress{false, spec.mid(7)};
    if (spec.startsWith(QLatin1String("postgresql://")) ||
        spec.startsWith(QLatin1String("postgres://"))) {
        const QUrl url(spec);
        if (!url.isValid() || url.host().isEmpty() || url.path().size() < 2)
            return Error::make(ErrorCode::InvalidArgument,
                               QStringLiteral("--database postgresql://USER@HOST[:PORT]/DATABASE "
                                              "(got \"%1\")")
                                   .arg(url.toDisplayString(QUrl::RemovePassword)));
        return StoreAddress{true, spec};
    }
    return Error::make(
        ErrorCode::InvalidArgument,
        QStringLiteral("--database takes sqlite:PATH or postgresql://… (got \"%1\")").arg(spec));
}

QString StoreAddress::display() const {
    return postgres ? QUrl(location).toDisplayString(QUrl::RemovePassword)
                    : QStringLiteral("sqlite:") + location;
}

QString StoreAddress::localDirectory() const {
    return postgres ? QDir::currentPath() : QFileInfo(location).absolutePath();
}

Result<void> prepareStore(const StoreAddress &address) {
    if (address.postgres) {
        auto db = store::Connection::openPostgres(address.location);
        if (!db.ok())
            return db.error();
        AGRO_TRY(store::migrate(db.value()));
        auto node = store::Workspace::meta(db.value(), QStringLiteral("node_id"));
        if (!node.ok())
            return node.error();
        if (node->isEmpty())
            AGRO_TRY(store::Workspace::seedIdentity(db.value()));
        return ServerStore::prepare(db.value());
    }
    if (!QFileInfo::exists(address.location)) {
        auto created = store::Workspace::create(address.location);
        if (!created.ok())
            return created.error();
    }
    auto opened = store::Workspace::open(address.location);
    if (!opened.ok())
        return opened.error();
    auto db = store::Workspace::connect(address.location);
    if (!db.ok())
        return db.error();
    return ServerStore::prepare(db.value());
}

Result<store::Connection> connectStore(const StoreAddress &address) {
    if (address.postgres)
        return store::Connection::openPostgres(address.location);
    return store::Workspace::connect(address.location);
}

} // namespace agro::server

#include "backupcommands.h"

#include "services/backupservice.h"
#include "store/backup.h"
#include "store/workspace.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace agro::commands {

namespace {
QString tr(const char *s) {
    return QCoreApplication::translate("agrodesk-cli", s);
}

int failWith(QTextStream &err, const Error &e) {
    err << tr("error: ") << errorText(e) << Qt::endl;
    return e.code == ErrorCode::InvalidArgument ? 2 : 1;
}

void printSummary(QTextStream &out, const store::BackupSummary &s) {
    out << tr("backup: %1 (%2 bytes)\n").arg(s.path).arg(s.bytes);
    out << tr("  workspace id: %1, schema version %2%3\n")
               .arg(s.workspaceId)
               .arg(s.schemaVersion)
               .arg(s.demoPreset.isEmpty() ? QString() : tr(", demo data (%1)").arg(s.demoPreset));
    if (s.takenAt.isValid())
        out << tr("  taken at: %1\n").arg(s.takenAt.toString(Qt::ISODate));
    if (!s.lastChange.isEmpty())
        out << tr("  newest audited action: %1\n").arg(s.lastChange);
    for (const auto &c : s.counts)
        out << QStringLiteral("  %1: %2\n").arg(c.table, -18).arg(c.rows);
}

Error missing(const char *option) {
    return Error::make(ErrorCode::InvalidArgument, tr("%1 is required").arg(QLatin1String(option)));
}
} // namespace

int backupCommand(const QCommandLineParser &p, QTextStream &out, QTextStream &err) {
    const QString w = p.value(QStringLiteral("workspace"));
    const QString to = p.value(QStringLiteral("out"));
    if (w.isEmpty())
        return failWith(err, missing("--workspace"));
    if (to.isEmpty())
        return failWith(err, missing("--out"));
    if (QFileInfo(to).absoluteFilePath() == QFileInfo(w).absoluteFilePath())
        return failWith(err, Error::make(ErrorCode::InvalidArgument,
                                         tr("--out must not be the workspace itself")));
    auto opened = store::Workspace::open(w); // migrates, as every command that opens it does
    if (!opened.ok())
        return failWith(err, opened.error());
    auto taken = store::Backup::take(w, to);
    if (!taken.ok())
        return failWith(err, taken.error());
    printSummary(out, taken.value());
    out << tr("integrity check: ok\n");
    return 0;
}

int restoreCommand(const QCommandLineParser &p, QTextStream &out, QTextStream &err) {
    const QString w = p.value(QStringLiteral("workspace"));
    const QString from = p.value(QStringLiteral("from"));
    if (w.isEmpty())
        return failWith(err, missing("--workspace"));
    if (from.isEmpty())
        return failWith(err, missing("--from"));
    auto preview = store::Backup::describe(from);
    if (!preview.ok())
        return failWith(err, preview.error());
    printSummary(out, preview.value());
    auto opened = store::Workspace::open(w);
    if (!opened.ok())
        return failWith(err, opened.error());
    const QString safety =
        w + QStringLiteral(".before-restore-") +
        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss")) +
        store::BackupRotation::fileSuffix();
    auto restored = services::restoreBackup(w, from, safety, QStringLiteral("system"));
    if (!restored.ok())
        return failWith(err, restored.error());
    out << tr("restored %1 from %2; the previous content is in %3\n").arg(w, from, safety);
    return 0;
}

} // namespace agro::commands

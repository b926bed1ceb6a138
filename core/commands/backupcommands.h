#pragma once

#include <QCommandLineParser>
#include <QTextStream>

namespace agro::commands {

/// `agrodesk-cli backup --workspace W --out FILE`: a consistent snapshot, checked.
int backupCommand(const QCommandLineParser &p, QTextStream &out, QTextStream &err);

/// `agrodesk-cli restore --workspace W --from FILE`: shows what the backup holds, keeps the
/// current content as "<W>.before-restore-<time>.agrodesk-backup", then restores.
int restoreCommand(const QCommandLineParser &p, QTextStream &out, QTextStream &err);

} // namespace agro::commands

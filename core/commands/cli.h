#pragma once

#include <QStringList>
#include <QTextStream>

namespace agro::commands {

/// The headless command line (`agrodesk-cli`): demo, import, export, info, dashboard, hash.
/// Returns the process exit code: 0 success, 1 the operation failed (message on `err`),
/// 2 bad usage. Runs synchronously on the calling thread — there is no UI to keep alive.
int runCli(const QStringList &args, QTextStream &out, QTextStream &err);

} // namespace agro::commands

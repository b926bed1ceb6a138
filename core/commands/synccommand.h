#pragma once

#include <QCommandLineParser>
#include <QTextStream>

namespace agro::commands {

/// `agrodesk-cli sync --workspace W --server URL --user U [--password-stdin] [--ca FILE]
/// [--allow-mass-delete]`: signs in (password from standard input or AGRODESK_PASSWORD),
/// runs one sync round, signs out. A workspace that does not exist yet is created and filled
/// from the server.
int syncCommand(QCommandLineParser &p, QTextStream &out, QTextStream &err);

} // namespace agro::commands

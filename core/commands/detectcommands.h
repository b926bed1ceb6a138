#pragma once

#include <QCommandLineParser>
#include <QTextStream>

namespace agro::commands {

/// `agrodesk-cli detect --workspace W [--format text|json]`: runs every detector, stores the
/// alerts, and on a demo workspace prints precision and recall per detector.
int detect(const QCommandLineParser &p, QTextStream &out, QTextStream &err);

} // namespace agro::commands

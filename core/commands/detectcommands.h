#pragma once

#include <QCommandLineParser>
#include <QTextStream>

namespace agro::commands {

/// `agrodesk-cli detect --workspace W [--format text|json]`: runs every detector, stores the
/// alerts, and on a demo workspace prints precision and recall per detector.
int detect(const QCommandLineParser &p, QTextStream &out, QTextStream &err);

/// `agrodesk-cli qc-conditions --workspace W [--field NAME|ID] [--format text|json]`: for a
/// field (or every field with inspected lots from its plantings), which sensor conditions
/// before harvest go with QC failures: the notable tests, or with --field all of them.
int qcConditions(const QCommandLineParser &p, QTextStream &out, QTextStream &err);

} // namespace agro::commands

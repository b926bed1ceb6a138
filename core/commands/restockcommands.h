#pragma once

#include <QCommandLineParser>
#include <QTextStream>

namespace agro::commands {

/// `agrodesk-cli restock-simulate --workspace W [--target 0.95] [--days 364]`.
int restockSimulate(const QCommandLineParser &p, QTextStream &out, QTextStream &err);

/// `agrodesk-cli restock propose|list|decide|log|settings …` (see the usage text).
int restock(const QCommandLineParser &p, const QString &sub, QTextStream &out, QTextStream &err);

/// `agrodesk-cli verify --workspace W`: checks the audit log's hash chain.
int verifyAudit(const QCommandLineParser &p, QTextStream &out, QTextStream &err);

} // namespace agro::commands

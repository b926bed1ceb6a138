#pragma once

#include <QCommandLineParser>
#include <QTextStream>

namespace agro::commands {

/// `agrodesk-cli restock-simulate --workspace W [--target 0.95] [--days 364]`.
int restockSimulate(const QCommandLineParser &p, QTextStream &out, QTextStream &err);

} // namespace agro::commands

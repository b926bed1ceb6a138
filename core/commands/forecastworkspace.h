#pragma once

#include <QString>
#include <QTextStream>

namespace agro::commands {

/// `agrodesk-cli forecast --workspace W [--product SKU] --horizon H --format csv|json`:
/// without --product, runs every product's forecast and stores the run (as the app's
/// "Run all forecasts" does); with it, forecasts that product only and stores nothing.
int forecastWorkspace(const QString &workspace, const QString &product, int horizon,
                      const QString &format, QTextStream &out, QTextStream &err);

} // namespace agro::commands

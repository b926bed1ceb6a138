#pragma once

#include <QString>
#include <QTextStream>

namespace agro::commands {

struct ForecastFileArgs {
    QString input;  ///< long CSV: series_id,t,value[,split]
    QString output; ///< series_id,step,mean,lo80,hi80,lo95,hi95,model
    int horizon = 0;
    int period = 1;
    QString method = QStringLiteral("auto");
    int threads = 0; ///< 0 = one per core
};

/// The benchmark interface of `agrodesk-cli forecast --input`: forecasts every series of a
/// long CSV file, withholding rows marked split=test (or, without a split column, the last
/// `horizon` values of each series), in parallel over a bounded pool of threads. Output rows
/// come in the input's series order whatever the thread count. Prints the timing to `err`.
int forecastFile(const ForecastFileArgs &args, QTextStream &out, QTextStream &err);

} // namespace agro::commands

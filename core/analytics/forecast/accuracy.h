#pragma once

#include <vector>

namespace agro::analytics::forecast {

/// Error measures with the M4 competition's definitions (Makridakis, Spiliotis &
/// Assimakopoulos 2020, IJF 36(1)) and the M5's RMSSE (IJF 38(4), 2022).
/// sMAPE = mean of 200·|y − f| / (|y| + |f|) (terms with y = f = 0 count 0).
double smape(const double *actual, const double *forecast, int n);
/// Mean absolute seasonal difference of the training part, MASE's denominator; m = 1 when
/// the series is not longer than one season. 0 when the series is constant.
double maseScale(const std::vector<double> &train, int period);
/// Mean squared one-step difference of the training part, RMSSE's denominator.
double rmsseScale(const std::vector<double> &train);
/// Share of actuals inside [lo, hi].
double coverage(const double *actual, const double *lo, const double *hi, int n);

} // namespace agro::analytics::forecast

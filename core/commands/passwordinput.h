#pragma once

#include <QString>

namespace agro::commands {

/// The first line of standard input (without its line end): how scripts pass a password
/// without it showing in the process list or the shell history.
QString readPasswordLine();

/// A password from standard input when `fromStdin`, else from AGRODESK_PASSWORD.
QString passwordFrom(bool fromStdin);

} // namespace agro::commands

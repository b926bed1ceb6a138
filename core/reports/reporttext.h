#pragma once

#include <QCoreApplication>

namespace agro::reports {

/// Report titles, headers and notes are read by people: translated like the UI's strings.
inline QString t(const char *text) {
    return QCoreApplication::translate("agro::reports", text);
}

} // namespace agro::reports

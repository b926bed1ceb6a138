#include "passwordinput.h"

#include <iostream>
#include <string>

namespace agro::commands {

QString readPasswordLine() {
    std::string line;
    std::getline(std::cin, line);
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return QString::fromStdString(line);
}

QString passwordFrom(bool fromStdin) {
    return fromStdin ? readPasswordLine() : qEnvironmentVariable("AGRODESK_PASSWORD");
}

} // namespace agro::commands

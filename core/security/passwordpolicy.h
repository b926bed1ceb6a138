#pragma once

#include "common/result.h"

#include <QString>

namespace agro::security {

/// The rules a new password must meet, following NIST SP 800-63B §5.1.1.2 (length over
/// composition; no composition rules; a check against passwords known to be common; no
/// periodic changes): at least 12 characters (the guideline's 8 assumes a second factor,
/// which AgroDesk does not have), at most 256, not one character repeated, not the user name
/// or containing it, and not on the built-in list of common passwords (case-insensitive,
/// spaces ignored). WeakPassword, with the rule broken as its detail.
Result<void> checkNewPassword(const QString &password, const QString &username);

inline constexpr int kMinPasswordLength = 12;
inline constexpr int kMaxPasswordLength = 256;

/// Whether `password` is on the built-in list (for tests and the rule above).
bool isCommonPassword(const QString &password);

} // namespace agro::security

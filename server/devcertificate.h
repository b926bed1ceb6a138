#pragma once

#include "common/result.h"

#include <QStringList>

namespace agro::server {

/// Writes a self-signed certificate (ECDSA P-256, SHA-256) and its private key as PEM files,
/// for `agrodesk-server --dev-self-signed` and for tests. `names` become the subject
/// alternative names (host names, or IP addresses). The certificate is valid from
/// now + notBeforeS to now + notAfterS seconds (tests make expired ones with negative values).
/// Returns the certificate's SHA-256 fingerprint (hex), for pinning.
Result<QString> writeSelfSignedCertificate(const QString &certPath, const QString &keyPath,
                                           const QStringList &names, qint64 notBeforeS = -3600,
                                           qint64 notAfterS = 30 * 86400);

} // namespace agro::server

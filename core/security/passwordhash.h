#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>

namespace agro::security {

/// scrypt parameters (Percival, "Stronger key derivation via sequential memory-hard
/// functions", 2009; RFC 7914). N = 2^17, r = 8, p = 1 is the OWASP Password Storage Cheat
/// Sheet's minimum for scrypt: 128 MiB and a few hundred milliseconds per hash.
struct ScryptParams {
    int log2N = 17;
    int r = 8;
    int p = 1;
    friend bool operator==(const ScryptParams &, const ScryptParams &) = default;
};
inline constexpr ScryptParams kMinimumScrypt{};

/// A stored password: "scrypt$<log2N>$<r>$<p>$<salt, base64>$<key, base64>", with a 16-byte
/// random salt and a 32-byte derived key.
Result<QString> hashPassword(const QString &password, ScryptParams params = kMinimumScrypt);

struct Verification {
    bool matches = false;
    bool needsRehash = false; ///< weaker than the minimum: store a new hash after sign-in
};
/// Checks `password` against a stored hash in constant time. A malformed hash never matches.
Result<Verification> verifyPassword(const QString &password, const QString &stored);

/// The parameters a stored hash was made with (false if it is not a scrypt hash).
bool parseParams(const QString &stored, ScryptParams *out);

/// `bytes` cryptographically random bytes (OpenSSL RAND_bytes).
QByteArray randomBytes(int bytes);

} // namespace agro::security

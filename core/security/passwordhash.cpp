#include "passwordhash.h"

#include <QStringList>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <semaphore>

namespace agro::security {

namespace {

constexpr int kSaltBytes = 16;
constexpr int kKeyBytes = 32;

// Each scrypt call holds 128 r N bytes (128 MiB at the minimum): at most two at once, so a
// burst of sign-ins on a server cannot exhaust memory.
std::counting_semaphore<2> g_hashSlots(2);

Result<QByteArray> derive(const QString &password, const QByteArray &salt, ScryptParams p) {
    if (p.log2N < 1 || p.log2N > 24 || p.r < 1 || p.r > 32 || p.p < 1 || p.p > 16)
        return Error::make(ErrorCode::InvalidArgument, QStringLiteral("scrypt parameters"));
    const QByteArray pass = password.toUtf8();
    QByteArray key(kKeyBytes, Qt::Uninitialized);
    const std::uint64_t n = std::uint64_t(1) << p.log2N;
    const std::uint64_t maxMem = 128 * n * static_cast<std::uint64_t>(p.r) + (64u << 20);
    g_hashSlots.acquire();
    const int ok = EVP_PBE_scrypt(
        pass.constData(), static_cast<size_t>(pass.size()),
        reinterpret_cast<const unsigned char *>(salt.constData()), static_cast<size_t>(salt.size()),
        n, static_cast<std::uint64_t>(p.r), static_cast<std::uint64_t>(p.p), maxMem,
        reinterpret_cast<unsigned char *>(key.data()), static_cast<size_t>(key.size()));
    g_hashSlots.release();
    if (ok != 1)
        return Error::make(ErrorCode::Io, QStringLiteral("scrypt failed"));
    return key;
}

} // namespace

QByteArray randomBytes(int bytes) {
    QByteArray out(bytes, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(out.data()), bytes) != 1)
        qFatal("RAND_bytes failed: no secure random source");
    return out;
}

Result<QString> hashPassword(const QString &password, ScryptParams params) {
    const QByteArray salt = randomBytes(kSaltBytes);
    auto key = derive(password, salt, params);
    if (!key.ok())
        return key.error();
    return QStringLiteral("scrypt$%1$%2$%3$%4$%5")
        .arg(params.log2N)
        .arg(params.r)
        .arg(params.p)
        .arg(QString::fromLatin1(salt.toBase64()), QString::fromLatin1(key->toBase64()));
}

bool parseParams(const QString &stored, ScryptParams *out) {
    const QStringList parts = stored.split(QLatin1Char('$'));
    if (parts.size() != 6 || parts[0] != QLatin1String("scrypt"))
        return false;
    bool a = false, b = false, c = false;
    ScryptParams p{parts[1].toInt(&a), parts[2].toInt(&b), parts[3].toInt(&c)};
    if (!a || !b || !c)
        return false;
    if (out)
        *out = p;
    return true;
}

Result<Verification> verifyPassword(const QString &password, const QString &stored) {
    ScryptParams p;
    if (!parseParams(stored, &p))
        return Verification{};
    const QStringList parts = stored.split(QLatin1Char('$'));
    const QByteArray salt = QByteArray::fromBase64(parts[4].toLatin1());
    const QByteArray want = QByteArray::fromBase64(parts[5].toLatin1());
    if (salt.isEmpty() || want.size() != kKeyBytes)
        return Verification{};
    auto got = derive(password, salt, p);
    if (!got.ok())
        return Verification{};
    Verification v;
    v.matches = CRYPTO_memcmp(got->constData(), want.constData(), kKeyBytes) == 0;
    v.needsRehash =
        p.log2N < kMinimumScrypt.log2N || p.r < kMinimumScrypt.r || salt.size() < kSaltBytes;
    return v;
}

} // namespace agro::security

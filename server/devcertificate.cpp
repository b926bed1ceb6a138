#include "devcertificate.h"

#include <QFile>
#include <QHostAddress>
#include <QSaveFile>
#include <QSslCertificate>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace agro::server {

namespace {
template<class T, void (*Free)(T *)> struct Deleter {
    void operator()(T *p) const { Free(p); }
};
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;

Error sslError(const QString &what) {
    return Error::make(ErrorCode::Io, what);
}

QByteArray pem(const std::function<int(BIO *)> &write) {
    Bio bio(BIO_new(BIO_s_mem()));
    if (!bio || write(bio.get()) != 1)
        return {};
    char *data = nullptr;
    const long n = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, static_cast<qsizetype>(n));
}

Result<void> save(const QString &path, const QByteArray &bytes, bool secret) {
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        Error e = Error::make(ErrorCode::Io, f.errorString());
        e.file = path;
        return e;
    }
    if (secret)
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    f.write(bytes);
    if (!f.commit()) {
        Error e = Error::make(ErrorCode::Io, f.errorString());
        e.file = path;
        return e;
    }
    return {};
}
} // namespace

Result<QString> writeSelfSignedCertificate(const QString &certPath, const QString &keyPath,
                                           const QStringList &names, qint64 notBeforeS,
                                           qint64 notAfterS) {
    Key key(EVP_EC_gen("P-256"));
    if (!key)
        return sslError(QStringLiteral("cannot generate a key"));
    Cert cert(X509_new());
    X509_set_version(cert.get(), 2);
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7f; // positive
    ASN1_INTEGER *sn = X509_get_serialNumber(cert.get());
    BIGNUM *bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, sn);
    BN_free(bn);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), static_cast<long>(notBeforeS));
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), static_cast<long>(notAfterS));
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME *subject = X509_get_subject_name(cert.get());
    const QByteArray cn = (names.isEmpty() ? QStringLiteral("localhost") : names.first()).toUtf8();
    X509_NAME_add_entry_by_txt(subject, "O", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>("AgroDesk development"), -1,
                               -1, 0);
    X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>(cn.constData()), -1, -1, 0);
    X509_set_issuer_name(cert.get(), subject);
    QStringList san;
    for (const QString &n : names)
        san << (QHostAddress(n).isNull() ? QStringLiteral("DNS:") : QStringLiteral("IP:")) + n;
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
    const QByteArray sanText = san.join(QLatin1Char(',')).toLatin1();
    if (X509_EXTENSION *ext =
            X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, sanText.constData())) {
        X509_add_ext(cert.get(), ext, -1);
        X509_EXTENSION_free(ext);
    } else {
        return sslError(QStringLiteral("bad certificate names: ") + san.join(QLatin1Char(',')));
    }
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0)
        return sslError(QStringLiteral("cannot sign the certificate"));

    const QByteArray certPem = pem([&](BIO *b) { return PEM_write_bio_X509(b, cert.get()); });
    const QByteArray keyPem = pem([&](BIO *b) {
        return PEM_write_bio_PrivateKey(b, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    });
    if (certPem.isEmpty() || keyPem.isEmpty())
        return sslError(QStringLiteral("cannot write PEM"));
    AGRO_TRY(save(keyPath, keyPem, true));
    AGRO_TRY(save(certPath, certPem, false));
    const auto parsed = QSslCertificate::fromData(certPem, QSsl::Pem);
    return QString::fromLatin1(parsed.value(0).digest(QCryptographicHash::Sha256).toHex(':'));
}

} // namespace agro::server

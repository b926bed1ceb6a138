#include "passwordpolicy.h"

#include <QSet>

namespace agro::security {

namespace {
// Passwords of 12 or more characters that recur at the top of published breach corpora
// (shorter ones are already refused by length). Compared lowercased, without spaces.
const char *const kCommon[] = {
    "123456789012",
    "1234567890123",
    "12345678901234",
    "123456789123",
    "1234567891011",
    "111111111111",
    "000000000000",
    "123123123123",
    "qwertyuiopas",
    "qwertyuiop123",
    "qwertyuiopasdfgh",
    "1q2w3e4r5t6y",
    "1qaz2wsx3edc",
    "1qaz2wsx3edc4rfv",
    "zaq12wsxcde3",
    "qazwsxedcrfv",
    "asdfghjkl123",
    "zxcvbnm123456",
    "passwordpassword",
    "password1234",
    "password12345",
    "password123456",
    "password123!",
    "passw0rd1234",
    "p@ssw0rd1234",
    "p@ssword1234",
    "iloveyou1234",
    "iloveyouforever",
    "welcome12345",
    "welcome123456",
    "letmein12345",
    "changeme1234",
    "administrator",
    "administrator1",
    "adminadmin123",
    "admin1234567",
    "superman12345",
    "princess12345",
    "football1234",
    "baseball1234",
    "sunshine1234",
    "monkey123456",
    "dragon123456",
    "trustno11234",
    "abcdefghijkl",
    "abcdefg12345",
    "abc123456789",
    "abcd12345678",
    "qwerty123456",
    "qwerty1234567",
    "qwertyqwerty",
    "asdfasdfasdf",
    "correcthorsebatterystaple",
    "thequickbrownfox",
    "mypassword123",
    "secretpassword",
    "farmpassword",
    "agrodesk1234",
    "agrodeskpassword",
    "harvest12345",
    "tractor12345",
    "farmer123456",
    "summer2024!!",
    "summer123456",
    "winter123456",
    "spring123456",
    "autumn123456",
    "starwars1234",
    "pokemon12345",
    "computer1234",
    "internet1234",
};

QString normalized(const QString &s) {
    QString out = s.toLower();
    out.remove(QLatin1Char(' '));
    return out;
}

Error weak(const QString &rule) {
    return Error::make(ErrorCode::WeakPassword, rule);
}
} // namespace

bool isCommonPassword(const QString &password) {
    static const QSet<QString> common = [] {
        QSet<QString> set;
        for (const char *p : kCommon)
            set.insert(QString::fromLatin1(p));
        return set;
    }();
    return common.contains(normalized(password));
}

Result<void> checkNewPassword(const QString &password, const QString &username) {
    // Characters as people count them (a combining accent is not a character of its own).
    const qsizetype length = password.toUcs4().size();
    if (length < kMinPasswordLength)
        return weak(QStringLiteral("at least %1 characters (a few words are easiest to "
                                   "remember)")
                        .arg(kMinPasswordLength));
    if (length > kMaxPasswordLength)
        return weak(QStringLiteral("at most %1 characters").arg(kMaxPasswordLength));
    if (password.count(password.front()) == password.size())
        return weak(QStringLiteral("not one character repeated"));
    if (!username.trimmed().isEmpty() &&
        normalized(password).contains(normalized(username.trimmed())))
        return weak(QStringLiteral("must not contain the user name"));
    if (isCommonPassword(password))
        return weak(QStringLiteral("it is on the list of commonly used passwords"));
    return {};
}

} // namespace agro::security

#include "registry/tokencache.h"

#include <QCryptographicHash>

namespace slipway::registry {

namespace {

constexpr int kMinimumLifetimeSeconds = 60;
constexpr int kRenewBufferSeconds = 5;

} // namespace

QString TokenCache::key(const QString& realm, const QString& service, const QStringList& scopes,
                        const std::optional<RegistryCredentials>& credentials) {
    QStringList sortedScopes = scopes;
    sortedScopes.sort();
    QString who = QStringLiteral("anonymous");
    if (credentials) {
        // A hash, so the key itself holds no secret; different secrets never share a token.
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(credentials->username.toUtf8());
        hash.addData(QByteArrayView("\0", 1));
        hash.addData(credentials->secret.toUtf8());
        hash.addData(credentials->identityToken ? QByteArrayView("i") : QByteArrayView("p"));
        who = QString::fromLatin1(hash.result().toHex());
    }
    return realm + QLatin1Char('\n') + service + QLatin1Char('\n') + sortedScopes.join(QLatin1Char(' ')) +
           QLatin1Char('\n') + who;
}

std::optional<QString> TokenCache::find(const QString& key) const {
    const auto it = m_entries.constFind(key);
    if (it == m_entries.cend() || it->deadline.hasExpired())
        return std::nullopt;
    return it->token;
}

void TokenCache::insert(const QString& key, const QString& token, int expiresInSeconds) {
    const int lifetime = std::max(expiresInSeconds, kMinimumLifetimeSeconds) - kRenewBufferSeconds;
    m_entries.insert(key, Entry{token, QDeadlineTimer(std::chrono::seconds(lifetime))});
}

void TokenCache::remove(const QString& key) {
    m_entries.remove(key);
}

} // namespace slipway::registry

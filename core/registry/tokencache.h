#pragma once

#include "registry/registrycredentials.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QString>
#include <QStringList>
#include <optional>

namespace slipway::registry {

// Bearer tokens in memory, keyed by realm + service + scopes + who asked (anonymous, or a hash of the
// credentials), kept until shortly before they expire. Tokens are never written anywhere.
class TokenCache {
public:
    static QString key(const QString& realm, const QString& service, const QStringList& scopes,
                       const std::optional<RegistryCredentials>& credentials);

    std::optional<QString> find(const QString& key) const;
    // `expiresInSeconds` as the token server said; under 60 s (or absent, <= 0) counts as 60 s, and
    // the token is dropped 5 s early so a request never goes out with a token about to expire.
    void insert(const QString& key, const QString& token, int expiresInSeconds);
    void remove(const QString& key);
    qsizetype size() const { return m_entries.size(); }

private:
    struct Entry {
        QString token;
        QDeadlineTimer deadline;
    };
    QHash<QString, Entry> m_entries;
};

} // namespace slipway::registry

#pragma once

#include <QByteArray>
#include <QString>

namespace slipway::registry {

// What a registry accepts as a login. The secret is a password, a personal access token, or (when
// identityToken is set) a Docker identity token, which only the OAuth2 refresh-token flow accepts.
// Lives in memory only for as long as a request needs it; never logged.
struct RegistryCredentials {
    QString username;
    QString secret;
    bool identityToken = false;

    // "Basic base64(user:secret)" for a Basic challenge or a token GET.
    QByteArray basicAuthorization() const {
        return "Basic " + (username + QLatin1Char(':') + secret).toUtf8().toBase64();
    }

    friend bool operator==(const RegistryCredentials&, const RegistryCredentials&) = default;
};

} // namespace slipway::registry

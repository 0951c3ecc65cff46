#pragma once

#include "common/error.h"
#include "registry/authchallenge.h"
#include "registry/httpanswer.h"
#include "registry/registrycredentials.h"
#include "registry/registrytransport.h"

#include <QObject>
#include <QPointer>
#include <optional>

namespace slipway::registry {

class HttpExchange;

struct BearerToken {
    QString token;
    int expiresInSeconds = 60;

    friend bool operator==(const BearerToken&, const BearerToken&) = default;
};

// Gets a Bearer token from a challenge's realm (distribution's token protocol):
// - anonymous: GET realm?service=&scope= without Authorization;
// - username + password/PAT: the same GET with Basic auth; when the server does not offer GET (404/405)
//   the OAuth2 POST with grant_type=password;
// - identity token: the OAuth2 POST with grant_type=refresh_token (the only flow that accepts one).
// A refusal (401/403) is errorcode::kTokenRefused with the token server's own reason.
// The realm is attacker-controlled: it must be HTTPS (plain HTTP only when the registry itself may be
// spoken to in plain HTTP), and may point at an internal address only when the registry is one too.
class TokenFetch : public QObject {
    Q_OBJECT

public:
    TokenFetch(RegistryTransport& transport, QString registryHost, AuthChallenge challenge,
               QStringList scopes, std::optional<RegistryCredentials> credentials, QObject* parent = nullptr);

    void start();
    void cancel();

Q_SIGNALS:
    void finished(const slipway::Result<slipway::registry::BearerToken>& token);

private:
    void requestWithGet();
    void requestWithPost(const QByteArray& grantFields);
    void onAnswer(const Result<HttpAnswer>& answer, bool wasGet);
    Result<void> checkRealm(const QUrl& realm) const;
    void finish(Result<BearerToken> result);

    RegistryTransport& m_transport;
    QString m_registryHost;
    AuthChallenge m_challenge;
    QStringList m_scopes;
    std::optional<RegistryCredentials> m_credentials;
    QPointer<HttpExchange> m_exchange;
    bool m_done = false;
};

} // namespace slipway::registry

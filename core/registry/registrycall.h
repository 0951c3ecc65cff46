#pragma once

#include "common/error.h"
#include "registry/authchallenge.h"
#include "registry/httpanswer.h"
#include "registry/registrycredentials.h"
#include "registry/registryendpointstore.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <optional>

namespace slipway::registry {

class RegistryClient;
class HttpExchange;
class TokenFetch;

// One registry API request with everything around it: the /v2/ ping the first time a host is used
// (plain HTTP only where RegistryTransport allows it: tried first on loopback, after HTTPS elsewhere), the
// Bearer token for the repository scope (from the client's cache or the token server) or Basic credentials,
// and one retry when the registry challenges again (expired token, extra scope). Anonymous requests
// skip the ping when an earlier run's ping is remembered (RegistryEndpointStore). Any HTTP status is an
// answer; errors are only "no answer", refused tokens and refused insecure realms.
class RegistryCall : public QObject {
    Q_OBJECT

public:
    struct Spec {
        QString registry;   // as in an image reference: "ghcr.io", "docker.io", "127.0.0.1:5000"
        QString repository; // the scope's repository; empty for host-level requests (login without scope)
        QStringList actions{QStringLiteral("pull")};
        std::optional<RegistryCredentials> credentials; // none: anonymous
        QByteArray method = "GET";
        QString path; // "/v2/..." (or an absolute URL on the same registry, e.g. an upload Location)
        QList<std::pair<QByteArray, QByteArray>> headers;
        QByteArray body;
        qint64 maxBodyBytes = 8 * 1024 * 1024;
    };

    RegistryCall(RegistryClient& client, Spec spec, QObject* parent = nullptr);

    void start();
    void cancel();

Q_SIGNALS:
    void finished(const slipway::Result<slipway::registry::HttpAnswer>& answer);

private:
    bool startFromRememberedEndpoint();
    void pingAgain();
    void ping(bool https);
    void onPing(const Result<HttpAnswer>& answer, bool https);
    void authorize();
    void send(const QByteArray& authorization);
    void onAnswer(const Result<HttpAnswer>& answer);
    QStringList scopes() const;
    void finish(Result<HttpAnswer> result);

    RegistryClient& m_client;
    Spec m_spec;
    QString m_apiHost;
    RegistryEndpoint m_endpoint;
    bool m_rememberedEndpoint = false; // m_endpoint is from an earlier run, not pinged in this one
    QStringList m_extraScopes;
    QString m_tokenKey;
    bool m_retried = false;
    bool m_pingedBothSchemes = false;
    bool m_done = false;
    QPointer<HttpExchange> m_exchange;
    QPointer<TokenFetch> m_tokenFetch;
};

} // namespace slipway::registry

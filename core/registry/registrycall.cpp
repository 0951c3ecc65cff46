#include "registry/registrycall.h"

#include "registry/httpexchange.h"
#include "registry/registryclient.h"
#include "registry/registryerror.h"
#include "registry/registryhost.h"
#include "registry/tokenfetch.h"

namespace slipway::registry {

namespace {

bool isNoAnswer(const Error& error) {
    return error.code == errorcode::kNetwork || error.code == errorcode::kTls;
}

} // namespace

RegistryCall::RegistryCall(RegistryClient& client, Spec spec, QObject* parent)
    : QObject(parent), m_client(client), m_spec(std::move(spec)), m_apiHost(apiHostOf(m_spec.registry)) {}

void RegistryCall::start() {
    if (const auto known = m_client.knownEndpoint(m_apiHost)) {
        m_endpoint = *known;
        return authorize();
    }
    if (startFromRememberedEndpoint())
        return;
    // Registries on loopback are nearly always plain HTTP (docker run registry:2), so ask there
    // first and save a failed TLS handshake; the ping carries no credentials either way.
    ping(!isLoopbackHost(m_apiHost));
}

// A ping costs a round trip before every first request of a run. An earlier run's answer saves it,
// but only for anonymous requests: credentials go only to a token realm the registry itself named
// in this run. Plain HTTP stays limited to where the transport allows it now.
bool RegistryCall::startFromRememberedEndpoint() {
    if (m_spec.credentials)
        return false;
    const auto remembered = m_client.rememberedEndpoint(m_apiHost);
    if (!remembered || (remembered->base.scheme() != QLatin1String("https") &&
                        !m_client.transport().plainHttpAllowed(m_apiHost)))
        return false;
    m_endpoint = *remembered;
    m_rememberedEndpoint = true;
    authorize();
    return true;
}

// The remembered endpoint did not answer as remembered (moved to TLS, a new token server): forget it
// and start over with a ping, as if it had never been remembered.
void RegistryCall::pingAgain() {
    m_client.forgetRememberedEndpoint(m_apiHost);
    m_rememberedEndpoint = false;
    m_extraScopes.clear();
    m_retried = false;
    ping(!isLoopbackHost(m_apiHost));
}

void RegistryCall::cancel() {
    if (m_tokenFetch)
        m_tokenFetch->cancel();
    else if (m_exchange)
        m_exchange->cancel();
    else
        finish(fail(errorcode::kCancelled, QStringLiteral("Cancelled.")));
}

void RegistryCall::ping(bool https) {
    HttpRequest request;
    request.url = QUrl(QStringLiteral("%1://%2/v2/")
                           .arg(https ? QStringLiteral("https") : QStringLiteral("http"), m_apiHost));
    if (m_exchange)
        m_exchange->deleteLater();
    m_exchange = new HttpExchange(m_client.transport(), std::move(request), this);
    connect(m_exchange, &HttpExchange::finished, this,
            [this, https](const Result<HttpAnswer>& answer) { onPing(answer, https); });
    m_exchange->start();
}

void RegistryCall::onPing(const Result<HttpAnswer>& answer, bool https) {
    const bool otherSchemeLeft = !m_pingedBothSchemes && m_client.transport().plainHttpAllowed(m_apiHost);
    if (!https && otherSchemeLeft &&
        (!answer ? answer.error().code != errorcode::kCancelled : answer->status == 400)) {
        // Plain HTTP to a TLS port: "400 Client sent an HTTP request to an HTTPS server", or a reset.
        m_pingedBothSchemes = true;
        return ping(true);
    }
    if (!answer) {
        // A certificate problem is never a reason to drop TLS; anything else (a plain-HTTP server
        // does not complete a handshake) is, where plain HTTP is allowed.
        const bool mayTryHttp = https && otherSchemeLeft && answer.error().code != errorcode::kTls &&
                                answer.error().code != errorcode::kCancelled;
        if (mayTryHttp) {
            m_pingedBothSchemes = true;
            return ping(false);
        }
        return finish(std::unexpected(answer.error()));
    }
    RegistryEndpoint endpoint;
    // The host pinged, not where a redirect of /v2/ ended: credentials go to the registry only.
    endpoint.base = QUrl(
        QStringLiteral("%1://%2").arg(https ? QStringLiteral("https") : QStringLiteral("http"), m_apiHost));
    if (answer->status == 401) {
        endpoint.challenge = chooseChallenge(parseAuthChallenges(answer->headerValues("WWW-Authenticate")));
        if (!endpoint.challenge)
            return finish(
                fail(errorcode::kUnexpected,
                     QStringLiteral("%1 asks for authentication in a way Slipway does not support.")
                         .arg(m_spec.registry),
                     QStringLiteral("Registries use Bearer or Basic authentication; check that this is "
                                    "a container registry."),
                     QString::fromUtf8(answer->headerValues("WWW-Authenticate").join(" | "))));
    } else if (answer->status == 429 || answer->status >= 500) {
        // Rate limits and outages are the caller's answer to report, with its own subject.
        return finish(answer);
    } else if (!answer->ok()) {
        return finish(fail(errorcode::kUnexpected,
                           QStringLiteral("%1 does not answer like a container registry (HTTP %2 on /v2/).")
                               .arg(m_spec.registry)
                               .arg(answer->status),
                           QStringLiteral("Check the registry host and port in the image reference."),
                           QStringLiteral("HTTP %1 from %2: %3")
                               .arg(answer->status)
                               .arg(answer->url.toDisplayString(), registryReason(*answer))));
    }
    m_endpoint = endpoint;
    m_client.rememberEndpoint(m_apiHost, std::move(endpoint));
    authorize();
}

QStringList RegistryCall::scopes() const {
    QStringList scopes;
    if (!m_spec.repository.isEmpty())
        scopes.append(
            QStringLiteral("repository:%1:%2").arg(m_spec.repository, m_spec.actions.join(QLatin1Char(','))));
    for (const QString& extra : m_extraScopes) {
        if (!scopes.contains(extra))
            scopes.append(extra);
    }
    return scopes;
}

void RegistryCall::authorize() {
    const RegistryEndpoint& endpoint = m_endpoint;
    if (!endpoint.challenge)
        return send({});
    if (endpoint.challenge->isBasic())
        return send(m_spec.credentials ? m_spec.credentials->basicAuthorization() : QByteArray());
    const QStringList tokenScopes = scopes();
    m_tokenKey = TokenCache::key(endpoint.challenge->realm(), endpoint.challenge->service(), tokenScopes,
                                 m_spec.credentials);
    if (const auto token = m_client.tokens().find(m_tokenKey))
        return send("Bearer " + token->toUtf8());
    // The registry's connection opens while the token server answers.
    m_client.transport().preconnect(endpoint.base);
    m_tokenFetch = new TokenFetch(m_client.transport(), m_spec.registry, *endpoint.challenge, tokenScopes,
                                  m_spec.credentials, this);
    connect(m_tokenFetch, &TokenFetch::finished, this, [this](const Result<BearerToken>& token) {
        m_tokenFetch->deleteLater();
        m_tokenFetch = nullptr;
        if (!token && m_rememberedEndpoint && isNoAnswer(token.error()))
            return pingAgain();
        if (!token)
            return finish(std::unexpected(token.error()));
        m_client.tokens().insert(m_tokenKey, token->token, token->expiresInSeconds);
        send("Bearer " + token->token.toUtf8());
    });
    m_tokenFetch->start();
}

void RegistryCall::send(const QByteArray& authorization) {
    const RegistryEndpoint& endpoint = m_endpoint;
    HttpRequest request;
    request.method = m_spec.method;
    request.url = m_spec.path.startsWith(QLatin1String("http")) ? QUrl(m_spec.path)
                                                                : endpoint.base.resolved(QUrl(m_spec.path));
    request.headers = m_spec.headers;
    request.body = m_spec.body;
    request.maxBodyBytes = m_spec.maxBodyBytes;
    // An absolute URL from the registry (an upload Location) on another origin gets no credentials.
    if (hostKey(request.url) == hostKey(endpoint.base) && request.url.scheme() == endpoint.base.scheme())
        request.authorization = authorization;
    if (m_exchange)
        m_exchange->deleteLater();
    m_exchange = new HttpExchange(m_client.transport(), std::move(request), this);
    connect(m_exchange, &HttpExchange::finished, this, &RegistryCall::onAnswer);
    m_exchange->start();
}

// GCC 12 at -O2 reports the copied endpoint's optional challenge as maybe-uninitialised (a known
// false positive with std::optional of a class holding a QList; GCC bug 105562), which -Werror turns
// into a failed release build. Only this function is exempt.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
void RegistryCall::onAnswer(const Result<HttpAnswer>& answer) {
    // Plain HTTP to what is now a TLS port answers 400; a host that moved does not answer at all.
    if (m_rememberedEndpoint && (answer ? answer->status == 400 : isNoAnswer(answer.error())))
        return pingAgain();
    if (!answer || answer->status != 401 || m_retried)
        return finish(answer);
    // A second challenge: the cached token expired, the registry wants another scope, or /v2/ was open
    // but this repository is not. Retry once with what it asks for; the same refusal again is final.
    const auto challenge = chooseChallenge(parseAuthChallenges(answer->headerValues("WWW-Authenticate")));
    if (!challenge)
        return finish(answer);
    RegistryEndpoint& endpoint = m_endpoint;
    bool retry = false;
    if (!endpoint.challenge || endpoint.challenge->scheme != challenge->scheme ||
        endpoint.challenge->realm() != challenge->realm()) {
        AuthChallenge remembered = *challenge;
        remembered.params.removeIf([](const auto& param) {
            return param.first == QLatin1String("scope") || param.first == QLatin1String("error");
        });
        endpoint.challenge = std::move(remembered);
        m_client.rememberEndpoint(m_apiHost, endpoint);
        m_rememberedEndpoint = false; // the registry just said how it wants to be asked
        retry = challenge->isBearer() || m_spec.credentials.has_value();
    } else if (challenge->isBearer()) {
        if (challenge->error() == QLatin1String("invalid_token")) {
            m_client.tokens().remove(m_tokenKey);
            retry = true;
        }
        for (const QString& scope : challenge->scope().split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            if (!scopes().contains(scope)) {
                m_extraScopes.append(scope);
                retry = true;
            }
        }
    }
    if (!retry)
        return finish(answer);
    m_retried = true;
    authorize();
}
#pragma GCC diagnostic pop

void RegistryCall::finish(Result<HttpAnswer> result) {
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(result);
}

} // namespace slipway::registry

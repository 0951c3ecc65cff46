#include "registry/tokenfetch.h"

#include "registry/httpexchange.h"
#include "registry/registryerror.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace slipway::registry {

namespace {

const QString kClientId = QStringLiteral("slipway");

QByteArray formEncode(const QList<std::pair<QString, QString>>& fields) {
    QByteArray body;
    for (const auto& [name, value] : fields) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    return body;
}

} // namespace

TokenFetch::TokenFetch(RegistryTransport& transport, QString registryHost, AuthChallenge challenge,
                       QStringList scopes, std::optional<RegistryCredentials> credentials, QObject* parent)
    : QObject(parent), m_transport(transport), m_registryHost(std::move(registryHost)),
      m_challenge(std::move(challenge)), m_scopes(std::move(scopes)), m_credentials(std::move(credentials)) {}

Result<void> TokenFetch::checkRealm(const QUrl& realm) const {
    const QString fix = QStringLiteral("Slipway will not send requests there. Check that %1 is the registry "
                                       "you meant; if it is, report its token address to its operator.")
                            .arg(m_registryHost);
    if (!realm.isValid() || realm.host().isEmpty())
        return fail(errorcode::kUnexpected,
                    QStringLiteral("%1 named an unusable token address '%2'.")
                        .arg(m_registryHost, m_challenge.realm()),
                    fix);
    const bool https = realm.scheme() == QLatin1String("https");
    const bool allowedHttp =
        realm.scheme() == QLatin1String("http") && m_transport.plainHttpAllowed(m_registryHost);
    if (!https && !allowedHttp)
        return fail(errorcode::kInsecureRefused,
                    QStringLiteral("%1 asks for logins at %2, which is not HTTPS.")
                        .arg(m_registryHost, realm.toDisplayString()),
                    fix);
    if (isInternalAddress(hostKey(realm)) && !isInternalAddress(m_registryHost) &&
        hostName(hostKey(realm)) != hostName(m_registryHost))
        return fail(errorcode::kInsecureRefused,
                    QStringLiteral("%1 points its token address at the internal address %2.")
                        .arg(m_registryHost, realm.host()),
                    fix);
    return {};
}

void TokenFetch::start() {
    if (auto realm = checkRealm(QUrl(m_challenge.realm())); !realm)
        return finish(std::unexpected(realm.error()));
    if (m_credentials && m_credentials->identityToken)
        return requestWithPost(formEncode({{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                                           {QStringLiteral("refresh_token"), m_credentials->secret}}));
    requestWithGet();
}

void TokenFetch::cancel() {
    if (m_exchange)
        m_exchange->cancel();
    else
        finish(fail(errorcode::kCancelled, QStringLiteral("Cancelled.")));
}

void TokenFetch::requestWithGet() {
    QUrl url(m_challenge.realm());
    QUrlQuery query(url);
    if (!m_challenge.service().isEmpty())
        query.addQueryItem(QStringLiteral("service"), m_challenge.service());
    for (const QString& scope : m_scopes)
        query.addQueryItem(QStringLiteral("scope"), scope);
    if (m_credentials)
        query.addQueryItem(QStringLiteral("account"), m_credentials->username);
    url.setQuery(query);
    HttpRequest request;
    request.url = url;
    if (m_credentials)
        request.authorization = m_credentials->basicAuthorization();
    m_exchange = new HttpExchange(m_transport, std::move(request), this);
    connect(m_exchange, &HttpExchange::finished, this,
            [this](const Result<HttpAnswer>& answer) { onAnswer(answer, true); });
    m_exchange->start();
}

void TokenFetch::requestWithPost(const QByteArray& grantFields) {
    HttpRequest request;
    request.method = "POST";
    request.url = QUrl(m_challenge.realm());
    request.headers.append({QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")});
    request.body = grantFields + '&' +
                   formEncode({{QStringLiteral("service"), m_challenge.service()},
                               {QStringLiteral("client_id"), kClientId},
                               {QStringLiteral("access_type"), QStringLiteral("offline")},
                               {QStringLiteral("scope"), m_scopes.join(QLatin1Char(' '))}});
    if (m_exchange)
        m_exchange->deleteLater();
    m_exchange = new HttpExchange(m_transport, std::move(request), this);
    connect(m_exchange, &HttpExchange::finished, this,
            [this](const Result<HttpAnswer>& answer) { onAnswer(answer, false); });
    m_exchange->start();
}

void TokenFetch::onAnswer(const Result<HttpAnswer>& answer, bool wasGet) {
    if (!answer)
        return finish(std::unexpected(answer.error()));
    const bool getNotOffered = answer->status == 404 || answer->status == 405;
    if (wasGet && getNotOffered && m_credentials)
        return requestWithPost(formEncode({{QStringLiteral("grant_type"), QStringLiteral("password")},
                                           {QStringLiteral("username"), m_credentials->username},
                                           {QStringLiteral("password"), m_credentials->secret}}));
    const QString server = hostKey(answer->url);
    // OAuth2 token endpoints answer 400 invalid_grant for a bad refresh token or password.
    if (answer->status == 401 || answer->status == 403 || (answer->status == 400 && !wasGet)) {
        const QString who = m_credentials
                                ? QStringLiteral("these credentials (user '%1')").arg(m_credentials->username)
                                : QStringLiteral("anonymous access");
        return finish(fail(
            errorcode::kTokenRefused,
            QStringLiteral("The token server of %1 refused %2 for %3: %4.")
                .arg(m_registryHost, who,
                     m_scopes.isEmpty() ? QStringLiteral("a login") : m_scopes.join(QLatin1Char(' ')),
                     registryReason(*answer)),
            m_credentials ? QStringLiteral("Check the user name and token, that the token has not "
                                           "expired, and that it has the scopes needed.")
                          : QStringLiteral("The repository is private or does not exist; log in "
                                           "to reach it."),
            QStringLiteral("HTTP %1 from %2: %3").arg(answer->status).arg(server, registryReason(*answer))));
    }
    if (!answer->ok())
        return finish(std::unexpected(errorForAnswer(*answer, QStringLiteral("a token"), server)));
    const QJsonObject object = QJsonDocument::fromJson(answer->body).object();
    BearerToken token;
    token.token = object.value(QStringLiteral("token")).toString();
    if (token.token.isEmpty())
        token.token = object.value(QStringLiteral("access_token")).toString();
    token.expiresInSeconds = object.value(QStringLiteral("expires_in")).toInt(60);
    if (token.token.isEmpty())
        return finish(
            fail(errorcode::kUnexpected,
                 QStringLiteral("The token server of %1 answered without a token.").arg(m_registryHost),
                 QStringLiteral("Report this to the registry's operator."),
                 QStringLiteral("HTTP %1 from %2").arg(answer->status).arg(server)));
    finish(token);
}

void TokenFetch::finish(Result<BearerToken> result) {
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(result);
}

} // namespace slipway::registry

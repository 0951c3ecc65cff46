#include "registry/httpexchange.h"

#include "registry/registryerror.h"

#include <QNetworkReply>

namespace slipway::registry {

namespace {

constexpr int kMaxRedirects = 5;

bool sameOrigin(const QUrl& a, const QUrl& b) {
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0 &&
           a.port(a.scheme() == QLatin1String("https") ? 443 : 80) ==
               b.port(b.scheme() == QLatin1String("https") ? 443 : 80);
}

QString shown(const QUrl& url) {
    return url.adjusted(QUrl::RemoveQuery | QUrl::RemoveUserInfo | QUrl::RemoveFragment).toDisplayString();
}

} // namespace

Error noAnswerError(const QUrl& url, int networkError, const QString& errorString,
                    const QList<QSslError>& sslErrors) {
    const QString host = hostKey(url);
    const QString detail = shown(url) + QStringLiteral(": ") + errorString;
    if (!sslErrors.isEmpty()) {
        QStringList reasons;
        for (const QSslError& error : sslErrors)
            reasons.append(error.errorString());
        reasons.removeDuplicates();
        return Error{errorcode::kTls,
                     QStringLiteral("The TLS certificate of %1 is not trusted: %2.")
                         .arg(host, reasons.join(QStringLiteral("; "))),
                     QStringLiteral("If the registry uses its own certificate authority (company or "
                                    "self-signed), give Slipway that CA certificate (slipway-cli check "
                                    "--ca-file ca.pem, or the registry's settings). Verification is never "
                                    "turned off."),
                     detail};
    }
    switch (static_cast<QNetworkReply::NetworkError>(networkError)) {
    case QNetworkReply::ConnectionRefusedError:
        return Error{
            errorcode::kNetwork, QStringLiteral("Nothing answers at %1 (connection refused).").arg(host),
            QStringLiteral("Check the registry's host and port, and that the registry is running."), detail};
    case QNetworkReply::HostNotFoundError:
        return Error{errorcode::kNetwork,
                     QStringLiteral("The registry host %1 is not known.").arg(url.host()),
                     QStringLiteral("Check the spelling of the registry in the image reference, and your "
                                    "network or VPN."),
                     detail};
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return Error{errorcode::kNetwork, QStringLiteral("%1 did not answer in time.").arg(host),
                     QStringLiteral("Check your network connection and proxy; try again later."), detail};
    case QNetworkReply::SslHandshakeFailedError:
        return Error{errorcode::kNotTls, QStringLiteral("The TLS handshake with %1 failed.").arg(host),
                     QStringLiteral("If this registry only speaks plain HTTP, mark it insecure (--insecure) "
                                    "— only on a network you trust."),
                     detail};
    default:
        return Error{errorcode::kNetwork, QStringLiteral("Could not reach %1: %2.").arg(host, errorString),
                     QStringLiteral("Check the registry address and your network connection."), detail};
    }
}

HttpExchange::HttpExchange(RegistryTransport& transport, HttpRequest request, QObject* parent)
    : QObject(parent), m_transport(transport), m_request(std::move(request)), m_originalUrl(m_request.url) {}

HttpExchange::~HttpExchange() {
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void HttpExchange::start() {
    send();
}

void HttpExchange::cancel() {
    if (m_done)
        return;
    m_cancelled = true;
    if (m_reply)
        m_reply->abort();
    else
        finish(fail(errorcode::kCancelled, QStringLiteral("Cancelled.")));
}

void HttpExchange::send() {
    m_sslErrors.clear();
    m_tooLarge = false;
    const bool withAuthorization = sameOrigin(m_request.url, m_originalUrl);
    m_reply = m_transport.send(m_request, withAuthorization);
    connect(m_reply, &QNetworkReply::sslErrors, this,
            [this](const QList<QSslError>& errors) { m_sslErrors.append(errors); });
    connect(m_reply, &QNetworkReply::downloadProgress, this, [this](qint64 received, qint64) {
        if (received > m_request.maxBodyBytes && m_reply) {
            m_tooLarge = true;
            m_reply->abort();
        }
    });
    connect(m_reply, &QNetworkReply::finished, this, &HttpExchange::onReplyFinished);
}

void HttpExchange::onReplyFinished() {
    QNetworkReply* reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();
    if (m_cancelled)
        return finish(fail(errorcode::kCancelled, QStringLiteral("Cancelled.")));
    if (m_tooLarge)
        return finish(fail(errorcode::kUnexpected,
                           QStringLiteral("%1 sent more than %2 bytes where a small document was expected.")
                               .arg(hostKey(m_request.url))
                               .arg(m_request.maxBodyBytes),
                           QStringLiteral("Check that the address points at a container registry.")));
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid())
        return finish(
            std::unexpected(noAnswerError(m_request.url, reply->error(), reply->errorString(), m_sslErrors)));

    HttpAnswer answer;
    answer.status = status.toInt();
    answer.url = m_request.url;
    for (const auto& pair : reply->rawHeaderPairs())
        answer.headers.append({pair.first, pair.second});
    answer.body = reply->readAll();

    const bool redirect = answer.status == 301 || answer.status == 302 || answer.status == 303 ||
                          answer.status == 307 || answer.status == 308;
    if (!redirect || answer.header("Location").isEmpty())
        return finish(answer);
    if (++m_redirects > kMaxRedirects)
        return finish(fail(errorcode::kUnexpected,
                           QStringLiteral("%1 redirected more than %2 times.")
                               .arg(hostKey(m_originalUrl))
                               .arg(kMaxRedirects),
                           QStringLiteral("Report this to the registry's operator."), shown(m_request.url)));
    const QUrl target = m_request.url.resolved(QUrl::fromEncoded(answer.header("Location")));
    if (target.scheme() != QLatin1String("https") &&
        !(target.scheme() == QLatin1String("http") && m_transport.plainHttpAllowed(hostKey(target))))
        return finish(
            fail(errorcode::kInsecureRefused,
                 QStringLiteral("%1 redirected to %2, which is not HTTPS.")
                     .arg(hostKey(m_originalUrl), shown(target)),
                 QStringLiteral("Slipway only follows redirects to HTTPS; report this to the registry's "
                                "operator, or mark the target insecure if you trust it.")));
    m_request.url = target;
    if (answer.status == 303 && m_request.method != "HEAD") {
        m_request.method = "GET";
        m_request.body.clear();
    }
    send();
}

void HttpExchange::finish(Result<HttpAnswer> result) {
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(result);
}

} // namespace slipway::registry

#include "registry/registrytransport.h"

#include "registry/imagereference.h"

#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>

namespace slipway::registry {

namespace {

QString optionsKey(const QString& host) {
    return normaliseRegistryHost(host);
}

} // namespace

QString hostKey(const QUrl& url) {
    QString host = url.host();
    if (host.contains(QLatin1Char(':')))
        host = QLatin1Char('[') + host + QLatin1Char(']');
    if (url.port() != -1)
        host += QLatin1Char(':') + QString::number(url.port());
    return host;
}

RegistryTransport::RegistryTransport(QObject* parent) : QObject(parent) {
    // Cookies are not part of the registry protocol; keep none between requests.
    m_network.setCookieJar(nullptr);
}

void RegistryTransport::setHostOptions(const QString& host, RegistryHostOptions options) {
    m_hostOptions.insert(optionsKey(host), std::move(options));
    // QNetworkAccessManager keys its connections by host and port, not by TLS configuration: without
    // this, a connection made before the CA was added would keep being used.
    m_network.clearConnectionCache();
}

RegistryHostOptions RegistryTransport::hostOptions(const QString& host) const {
    return m_hostOptions.value(optionsKey(host));
}

bool RegistryTransport::plainHttpAllowed(const QString& host) const {
    return isLoopbackHost(host) || hostOptions(host).insecure;
}

QNetworkReply* RegistryTransport::send(const HttpRequest& request, bool withAuthorization) {
    QNetworkRequest networkRequest(request.url);
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                QNetworkRequest::ManualRedirectPolicy);
    networkRequest.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    networkRequest.setTransferTimeout(static_cast<int>(m_timeout.count()));
    networkRequest.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("slipway"));
    for (const auto& [name, value] : request.headers)
        networkRequest.setRawHeader(name, value);
    if (withAuthorization && !request.authorization.isEmpty())
        networkRequest.setRawHeader("Authorization", request.authorization);
    if (const auto tls = tlsConfiguration(request.url))
        networkRequest.setSslConfiguration(*tls);
    ++m_requestCount;
    if (request.method == "GET")
        return m_network.get(networkRequest);
    if (request.method == "HEAD")
        return m_network.head(networkRequest);
    return m_network.sendCustomRequest(networkRequest, request.method, request.body);
}

// The system CAs plus the host's extra ones, when it has any (else QNetworkAccessManager's default).
std::optional<QSslConfiguration> RegistryTransport::tlsConfiguration(const QUrl& url) const {
    if (url.scheme() != QLatin1String("https"))
        return std::nullopt;
    const RegistryHostOptions options = hostOptions(hostKey(url));
    if (options.extraCaCertificates.isEmpty())
        return std::nullopt;
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.addCaCertificates(options.extraCaCertificates);
    return tls;
}

void RegistryTransport::preconnect(const QUrl& base) {
    if (base.scheme() == QLatin1String("https"))
        m_network.connectToHostEncrypted(
            base.host(), quint16(base.port(443)),
            tlsConfiguration(base).value_or(QSslConfiguration::defaultConfiguration()));
    else if (base.scheme() == QLatin1String("http") && plainHttpAllowed(hostKey(base)))
        m_network.connectToHost(base.host(), quint16(base.port(80)));
}

} // namespace slipway::registry

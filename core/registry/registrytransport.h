#pragma once

#include "registry/registryhost.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QSslConfiguration>
#include <QUrl>
#include <chrono>
#include <optional>

class QNetworkReply;

namespace slipway::registry {

// One HTTP request as the registry code describes it. `authorization` is kept apart from the other
// headers so a redirect to another origin can drop it (blob storage must never see registry tokens).
struct HttpRequest {
    QByteArray method = "GET";
    QUrl url;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray authorization;
    QByteArray body;
    qint64 maxBodyBytes = 8 * 1024 * 1024; // manifests, configs and token answers are small
};

// "host[:port]" of a URL, spelled like an image reference's registry ("[::1]:5000").
QString hostKey(const QUrl& url);

// The network side shared by every registry request of one client: one QNetworkAccessManager, the
// per-host TLS options, and the count of HTTP requests made (the CLI reports it).
class RegistryTransport : public QObject {
    Q_OBJECT

public:
    explicit RegistryTransport(QObject* parent = nullptr);

    // `host` as in an image reference ("ghcr.io", "127.0.0.1:5443").
    void setHostOptions(const QString& host, RegistryHostOptions options);
    RegistryHostOptions hostOptions(const QString& host) const;
    // Loopback hosts and hosts marked insecure.
    bool plainHttpAllowed(const QString& host) const;

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    int requestCount() const { return m_requestCount; }

    // Starts the request without following redirects (the caller does, see HttpExchange). TLS is
    // verified with the system CAs plus the host's extra CAs.
    QNetworkReply* send(const HttpRequest& request, bool withAuthorization);

    // Opens a connection to `base` (TCP, and TLS verified as for send) ahead of its first request,
    // while another one is in flight: the request then finds the connection ready.
    void preconnect(const QUrl& base);

private:
    std::optional<QSslConfiguration> tlsConfiguration(const QUrl& url) const;

    QNetworkAccessManager m_network;
    QHash<QString, RegistryHostOptions> m_hostOptions;
    std::chrono::milliseconds m_timeout{30000};
    int m_requestCount = 0;
};

} // namespace slipway::registry

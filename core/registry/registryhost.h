#pragma once

#include <QList>
#include <QSslCertificate>
#include <QString>

namespace slipway::registry {

// How to talk to one registry host.
struct RegistryHostOptions {
    // The user marked the registry insecure: plain HTTP is allowed when HTTPS does not answer.
    bool insecure = false;
    // Extra certificate authorities to trust for this host (a company or self-signed CA), on top of
    // the system's. Verification itself is never turned off.
    QList<QSslCertificate> extraCaCertificates;
};

// "host:port" -> "host"; "[::1]:5000" -> "::1".
QString hostName(const QString& hostAndPort);

// localhost, 127.0.0.0/8 and ::1: the only hosts where plain HTTP is allowed without the user saying so
// (Docker treats them the same way).
bool isLoopbackHost(const QString& hostAndPort);

// Loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7) or link-local IP literals: token realms
// pointing there are refused unless the registry itself is such a host (SSRF protection).
bool isInternalAddress(const QString& hostAndPort);

} // namespace slipway::registry

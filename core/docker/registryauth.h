#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>
#include <functional>
#include <optional>

namespace slipway::docker {

// Credentials for one registry as the engine takes them (X-Registry-Auth, X-Registry-Config, the
// BuildKit session). Lives in memory for one request; never logged.
struct RegistryAuth {
    QString username;
    QString password;
    QString identityToken; // instead of username/password (an OAuth refresh token)
    QString serverAddress; // host[:port]; Docker Hub: "https://index.docker.io/v1/"
};

// Credentials for a registry host, or nullopt for anonymous. Must be thread-safe: the BuildKit
// session calls it from a thread of its own.
using RegistryAuthLookup = std::function<std::optional<RegistryAuth>(const QString& host)>;

// X-Registry-Auth: base64url (padded) JSON of one auth object; "{}" when anonymous.
QByteArray encodeRegistryAuth(const std::optional<RegistryAuth>& auth);
// X-Registry-Config: base64url JSON mapping registry key -> auth object (classic builder).
QByteArray encodeRegistryConfig(const QMap<QString, RegistryAuth>& auths);

// The registry host of an image reference as the engine resolves it: "127.0.0.1:5000",
// "ghcr.io", or "docker.io" for names without a host part.
QString registryHostOf(const QString& imageReference);
// Whether the reference names a registry host explicitly (flytekit's "registry is set").
bool hasRegistryHost(const QString& imageReference);
// "host/repo:tag" -> {"host/repo", "tag"}; the tag is "latest" when absent.
std::pair<QString, QString> splitTag(const QString& imageReference);

} // namespace slipway::docker

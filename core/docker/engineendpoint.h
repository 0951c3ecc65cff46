#pragma once

#include "common/error.h"

#include <QList>
#include <QProcessEnvironment>
#include <QString>

namespace slipway::docker {

// Where a Docker-compatible engine listens, and where Slipway learned it (for messages that say
// where it looked when nothing answers).
struct EngineEndpoint {
    enum class Kind { Unix, Tcp };

    Kind kind = Kind::Unix;
    QString socketPath; // Unix
    QString host;       // Tcp
    quint16 port = 0;   // Tcp
    bool tls = false;   // Tcp: DOCKER_TLS_VERIFY or a context with TLS material
    QString certPath;   // DOCKER_CERT_PATH: ca.pem, cert.pem, key.pem
    QString origin;     // "DOCKER_HOST", "docker context \"x\"", "default socket", "Podman socket", ...

    // unix:///var/run/docker.sock, tcp://host:2376
    QString url() const;

    friend bool operator==(const EngineEndpoint&, const EngineEndpoint&) = default;
};

// Parses a DOCKER_HOST value: unix://PATH, tcp://HOST[:PORT] (port 2375, or 2376 with TLS). ssh:// and
// npipe:// are refused with a fix.
Result<EngineEndpoint> parseDockerHost(const QString& value, bool tls = false);

// The endpoints to try, in order, as the docker CLI resolves them: DOCKER_HOST alone when set (with
// DOCKER_TLS_VERIFY / DOCKER_CERT_PATH); else the current docker context from the Docker config
// folder (DOCKER_CONFIG or ~/.docker); else the standard sockets: /var/run/docker.sock, the rootless
// socket under XDG_RUNTIME_DIR, then Podman's. A broken setting is an error naming it.
Result<QList<EngineEndpoint>> candidateEndpoints(const QProcessEnvironment& environment,
                                                 const QString& homeDirectory);

} // namespace slipway::docker

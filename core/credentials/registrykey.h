#pragma once

#include "common/error.h"

#include <QString>

namespace slipway::credentials {

// Slipway keys its logins by registry: the lower-case `host[:port]` ("ghcr.io", "127.0.0.1:5001"),
// with every spelling of Docker Hub ("docker.io", "index.docker.io", "registry-1.docker.io",
// "https://index.docker.io/v1/") turned into "docker.io". A scheme and a trailing "/v1/" or "/v2/"
// are dropped, as docker's own lookups drop them; any other path is not a registry and is refused.
Result<QString> registryKey(const QString& input);

// Docker Hub's key in Slipway.
inline constexpr QLatin1StringView kDockerHubKey{"docker.io"};

// The server URL Docker's config.json and credential helpers use for a registry key: Docker Hub is
// always "https://index.docker.io/v1/", every other registry its bare host[:port].
QString dockerServerUrl(const QString& registryKey);

} // namespace slipway::credentials

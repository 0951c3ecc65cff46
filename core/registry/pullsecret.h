#pragma once

#include "common/error.h"
#include "registry/registrycredentials.h"

#include <QByteArray>
#include <QString>
#include <optional>

namespace slipway::registry {

// The credentials a cluster has for `registry` (as in an image reference), read from a Kubernetes
// pull secret: the `.dockerconfigjson` content ({"auths": {"<host>": {"auth": base64(user:password)}}}
// or "username"/"password"), or the whole Secret as JSON (`data[".dockerconfigjson"]`, base64).
// Keys match the way kubelet matches them: scheme and /v1/ ignored, Docker Hub's spellings equal,
// "*." wildcards per label, a path in the key must prefix the repository. Kubelet ignores
// credsStore/credHelpers and identity tokens, and so does this. No matching entry: std::nullopt.
Result<std::optional<RegistryCredentials>>
credentialsFromPullSecret(const QByteArray& content, const QString& registry, const QString& repository);

} // namespace slipway::registry

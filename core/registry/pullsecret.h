#pragma once

#include "common/error.h"
#include "registry/registrycredentials.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
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

// The `auths` keys of a pull secret (the registries it covers), once every entry has been read the
// way credentialsFromPullSecret reads it: an Error when the content is not a dockerconfigjson or an
// entry holds no usable login, so a secret is refused when it is declared, not at the first check.
Result<QStringList> pullSecretRegistries(const QByteArray& content);

// A .dockerconfigjson with one login for `serverUrl` (as kubectl create secret docker-registry
// writes it: username, password and auth), for a pull secret made from a stored login.
QByteArray dockerConfigJsonFor(const QString& serverUrl, const RegistryCredentials& credentials);

} // namespace slipway::registry

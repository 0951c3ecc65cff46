#pragma once

#include "docker/registryauth.h"

#include <QProcessEnvironment>

namespace slipway::docker {

// Until the keychain store (core/credentials) is wired in: credentials from the Docker config's
// `auths` (DOCKER_CONFIG or ~/.docker/config.json, `auth` = base64 "user:password" or
// `identitytoken`), read once when the lookup is made. Credential helpers (credsStore) are not run.
RegistryAuthLookup
dockerConfigAuthLookup(const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment());

} // namespace slipway::docker

#pragma once

#include "credentials/registrycredential.h"
#include "registry/registrycredentials.h"

namespace slipway::credentials {

// A stored login as the registry client takes it (core/registry): an identity token travels as
// the OAuth2 refresh token, everything else as username + secret.
inline registry::RegistryCredentials toRegistryCredentials(const RegistryCredential& credential) {
    return {credential.username, credential.secret, credential.kind == SecretKind::IdentityToken};
}

} // namespace slipway::credentials

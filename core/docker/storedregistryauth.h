#pragma once

#include "docker/registryauth.h"

#include <QObject>
#include <QStringList>
#include <functional>

namespace slipway::credentials {
class CredentialStore;
}

namespace slipway::docker {

// Reads the logins for the registries a job will talk to from Slipway's credential store (the OS
// keychain) before the job starts, and answers from that snapshot: the engine's BuildKit session asks
// on a session thread, which must not wait for the keychain. Registries without a stored login, or all of
// them when the keychain does not answer, fall back to `fallback` (the Docker config's auths).
// `done` runs on `context`'s thread with the lookup and, when the keychain failed, why.
void loadStoredRegistryAuth(credentials::CredentialStore& store, const QStringList& hosts,
                            RegistryAuthLookup fallback, QObject* context,
                            std::function<void(RegistryAuthLookup lookup, QString keychainProblem)> done);

} // namespace slipway::docker

#pragma once

namespace slipway::credentials {
class CredentialStore;
}
namespace slipway::registry {
class RegistryClient;
}

namespace slipway::ui {

// What the credential wizard and dialog work with, owned by the application (they outlive both):
// the OS keychain store, the session-only store used when the user agrees to it because no keychain
// answered (one per application, so a session login survives closing the wizard), and the registry
// client that tests logins.
struct CredentialServices {
    credentials::CredentialStore* keychain = nullptr;
    credentials::CredentialStore* session = nullptr;
    registry::RegistryClient* registryClient = nullptr;
};

} // namespace slipway::ui

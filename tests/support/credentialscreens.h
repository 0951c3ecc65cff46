#pragma once

// What the credential screens (the wizard, the logins dialog) are given in the GUI tests: the real
// Secret Service under a keychain service name of the test's own, a session store and a registry
// client, with HOME and the XDG folders in a throw-away directory.
#include "credentials/credentialservices.h"
#include "credentials/keychaincredentialstore.h"
#include "credentials/sessioncredentialstore.h"
#include "credentialtesting.h"
#include "registry/registryclient.h"

#include <memory>

namespace credentialtesting {

class CredentialScreens {
public:
    CredentialScreens() = default;
    CredentialScreens(const CredentialScreens&) = delete;
    CredentialScreens& operator=(const CredentialScreens&) = delete;
    ~CredentialScreens() { clearService(m_service); }

    // For initTestCase: empty when the Secret Service and the registries' `variables` are there (the
    // home is then isolated and the stores made), else what is missing and how to start it.
    QString setUp(const char* test, std::initializer_list<const char*> variables) {
        if (QString missing = missingServices(variables); !missing.isEmpty())
            return missing;
        m_home = std::make_unique<IsolatedHome>();
        m_service = uniqueService(test);
        renew();
        return {};
    }

    // New stores and client (for init()): no test sees another's session logins or cached tokens.
    void renew() {
        m_keychain = std::make_unique<slipway::credentials::KeychainCredentialStore>(m_service);
        m_session = std::make_unique<slipway::credentials::SessionCredentialStore>();
        m_client = std::make_unique<slipway::registry::RegistryClient>();
    }

    slipway::ui::CredentialServices services() const {
        return {m_keychain.get(), m_session.get(), m_client.get()};
    }
    // Null before setUp() succeeded.
    slipway::credentials::KeychainCredentialStore* keychain() const { return m_keychain.get(); }
    slipway::credentials::SessionCredentialStore* session() const { return m_session.get(); }
    const QString& service() const { return m_service; }
    QString homePath() const { return m_home ? m_home->path() : QString(); }

private:
    std::unique_ptr<IsolatedHome> m_home;
    QString m_service;
    std::unique_ptr<slipway::credentials::KeychainCredentialStore> m_keychain;
    std::unique_ptr<slipway::credentials::SessionCredentialStore> m_session;
    std::unique_ptr<slipway::registry::RegistryClient> m_client;
};

} // namespace credentialtesting

#pragma once

#include "common/error.h"
#include "credentials/registrycredential.h"

#include <QFuture>
#include <QList>
#include <QObject>

namespace slipway::credentials {

// Error codes callers branch on (Error::code).
// No login stored for the registry: "not logged in", usually not worth an error message.
inline constexpr QLatin1StringView kNotFound{"credentials.not-found"};
// No OS keychain answered (no Secret Service / D-Bus, locked or refused): offer SessionCredentialStore.
inline constexpr QLatin1StringView kNoKeychain{"credentials.no-keychain"};

// Where Slipway keeps registry logins. Every call is asynchronous (the OS keychain may need to ask
// the user to unlock it): the future finishes on the calling thread's event loop, so callers chain
// with QFuture::then(context, ...) and never block on result() from that thread. Calls run in the
// order they were made. Entries are keyed by registryKey() (registrykey.h); callers pass keys
// already normalised.
class CredentialStore : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;

    // The login for `registry`; an Error with code kNotFound when there is none.
    virtual QFuture<Result<RegistryCredential>> read(const QString& registry) = 0;
    // Stores or replaces the login for credential.registry (validateCredential() first).
    virtual QFuture<Result<void>> store(const RegistryCredential& credential) = 0;
    // Removes the login; removing one that does not exist succeeds (the user's intent holds).
    virtual QFuture<Result<void>> remove(const QString& registry) = 0;
    // Every login without secrets, sorted by registry.
    virtual QFuture<Result<QList<CredentialSummary>>> list() = 0;

    // True when secrets survive the process (the OS keychain), false for the session store.
    virtual bool persistent() const = 0;
    // "the OS keychain (Secret Service)" / "memory, for this session only": for messages.
    virtual QString location() const = 0;

Q_SIGNALS:
    // After a store or remove succeeded, so views can refresh.
    void changed();
};

} // namespace slipway::credentials

#pragma once

#include "common/error.h"
#include "credentials/registrycredential.h"
#include "registry/loginverification.h"

#include <QObject>
#include <QPointer>

namespace slipway::registry {
class RegistryClient;
}

namespace slipway::ui {

// Runs one real login check at a time (registry::LoginVerification: push scope on `repository`, or
// the login alone without one). cancel() stops the request and drops its answer: finished() is not
// emitted for a cancelled check, so the caller's state is what it set on cancelling.
class LoginTester : public QObject {
    Q_OBJECT

public:
    explicit LoginTester(registry::RegistryClient& client, QObject* parent = nullptr);

    void start(const QString& registry, const QString& repository,
               const credentials::RegistryCredential& login);
    void cancel();
    bool running() const { return !m_verification.isNull(); }

Q_SIGNALS:
    void finished(const slipway::Result<slipway::registry::LoginCheck>& result);

private:
    registry::RegistryClient& m_client;
    QPointer<registry::LoginVerification> m_verification;
};

// The repository part of what the user typed as the test target ("me/app", "ghcr.io/me/app:tag"),
// normalised for `registry` (Docker Hub's "app" is "library/app"); empty text gives an empty result.
// An image of another registry is an error that says so.
Result<QString> testRepository(const QString& registry, const QString& text);

// "Login works: push to me/app is allowed." and friends, for a successful check.
QString describeLoginCheck(const registry::LoginCheck& check, const QString& registry,
                           const QString& repository);

} // namespace slipway::ui

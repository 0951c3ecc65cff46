#pragma once

#include "common/error.h"
#include "registry/httpanswer.h"
#include "registry/registrycredentials.h"

#include <QObject>
#include <QPointer>

namespace slipway::registry {

class RegistryCall;
class RegistryClient;

struct LoginCheck {
    // False for registries that let anyone in (an open docker-registry): the credentials were not
    // tested because nothing asked for them.
    bool credentialsChecked = true;
    // True when push permission on the repository was proven (an upload could be started).
    bool pushAllowed = false;

    friend bool operator==(const LoginCheck&, const LoginCheck&) = default;
};

// A real login test for the credential wizard (RegistryClient::verifyLogin). With a repository: a
// token (or Basic auth) for repository:<name>:pull,push, then POST /v2/<name>/blobs/uploads/, which
// only succeeds with push permission; the upload is cancelled again with DELETE. Without one: GET
// /v2/ with the credentials (and the token exchange, for Bearer registries). A refusal is an Error
// whose message carries the registry's own reason ("UNAUTHORIZED: authentication required", ...).
class LoginVerification : public QObject {
    Q_OBJECT

public:
    LoginVerification(RegistryClient& client, QString registry, QString repository,
                      RegistryCredentials credentials, QObject* parent = nullptr);

    void start();
    void cancel();

Q_SIGNALS:
    void finished(const slipway::Result<slipway::registry::LoginCheck>& check);

private:
    void call(QByteArray method, QString path);
    void onAnswer(const Result<HttpAnswer>& answer);
    void finish(Result<LoginCheck> result);

    RegistryClient& m_client;
    QString m_registry;
    QString m_repository;
    RegistryCredentials m_credentials;
    QPointer<RegistryCall> m_call;
    bool m_cleaningUp = false;
    bool m_authenticated = false;
    LoginCheck m_check;
    bool m_done = false;
};

} // namespace slipway::registry

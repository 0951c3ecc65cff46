#include "registry/loginverification.h"

#include "registry/registrycall.h"
#include "registry/registryclient.h"
#include "registry/registryerror.h"

namespace slipway::registry {

LoginVerification::LoginVerification(RegistryClient& client, QString registry, QString repository,
                                     RegistryCredentials credentials, QObject* parent)
    : QObject(parent), m_client(client), m_registry(std::move(registry)), m_repository(std::move(repository)),
      m_credentials(std::move(credentials)) {}

void LoginVerification::start() {
    if (m_repository.isEmpty())
        call("GET", QStringLiteral("/v2/"));
    else
        call("POST", QStringLiteral("/v2/%1/blobs/uploads/").arg(m_repository));
}

void LoginVerification::cancel() {
    if (m_call)
        m_call->cancel();
}

void LoginVerification::call(QByteArray method, QString path) {
    RegistryCall::Spec spec;
    spec.registry = m_registry;
    spec.repository = m_repository;
    spec.actions = {QStringLiteral("pull"), QStringLiteral("push")};
    spec.credentials = m_credentials;
    spec.method = std::move(method);
    spec.path = std::move(path);
    if (spec.method == "POST")
        spec.headers.append({QByteArray("Content-Length"), QByteArray("0")});
    if (m_call)
        m_call->deleteLater();
    m_call = new RegistryCall(m_client, std::move(spec), this);
    connect(m_call, &RegistryCall::finished, this, &LoginVerification::onAnswer);
    m_call->start();
}

void LoginVerification::onAnswer(const Result<HttpAnswer>& answer) {
    if (m_cleaningUp) // the upload was only a probe; a failed DELETE leaves a session the registry expires
        return finish(m_check);
    if (!answer) {
        Error error = answer.error();
        if (error.code == errorcode::kTokenRefused)
            error.message =
                QStringLiteral("%1 refused the login of '%2': %3")
                    .arg(m_registry, m_credentials.username, error.message.section(QStringLiteral(": "), 1));
        return finish(std::unexpected(error));
    }
    const auto endpoint = m_client.knownEndpoint(apiHostOf(m_registry));
    m_check.credentialsChecked = endpoint && endpoint->challenge.has_value();
    if (!answer->ok()) {
        const QString what =
            m_repository.isEmpty() ? QStringLiteral("the login") : QStringLiteral("push to ") + m_repository;
        Error error = errorForAnswer(*answer, what, m_registry);
        error.message = QStringLiteral("%1 refused %2 for '%3': %4")
                            .arg(m_registry, what, m_credentials.username, registryReason(*answer));
        if (answer->status == 401 || answer->status == 403)
            error.fix =
                m_repository.isEmpty()
                    ? QStringLiteral(
                          "Check the user name and the token or password, and that it has not expired.")
                    : QStringLiteral("Check the user name and token, and that the token may push (GHCR: a "
                                     "classic token with write:packages; Docker Hub: a read & write access "
                                     "token).");
        return finish(std::unexpected(error));
    }
    if (m_repository.isEmpty())
        return finish(m_check);
    m_check.pushAllowed = true;
    const QByteArray location = answer->header("Location");
    if (location.isEmpty())
        return finish(m_check);
    m_cleaningUp = true;
    const QUrl uploadUrl = answer->url.resolved(QUrl::fromEncoded(location));
    call("DELETE", uploadUrl.toString());
}

void LoginVerification::finish(Result<LoginCheck> result) {
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(result);
}

} // namespace slipway::registry

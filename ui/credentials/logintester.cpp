#include "credentials/logintester.h"

#include "credentials/registrykey.h"
#include "registry/imagereference.h"
#include "registry/registryclient.h"

namespace slipway::ui {

LoginTester::LoginTester(registry::RegistryClient& client, QObject* parent)
    : QObject(parent), m_client(client) {}

void LoginTester::start(const QString& registry, const QString& repository,
                        const credentials::RegistryCredential& login) {
    cancel();
    registry::RegistryCredentials credentials{login.username, login.secret,
                                              login.kind == credentials::SecretKind::IdentityToken};
    m_verification = m_client.verifyLogin(registry, repository, credentials, this);
    registry::LoginVerification* verification = m_verification;
    connect(verification, &registry::LoginVerification::finished, this,
            [this, verification](const Result<registry::LoginCheck>& result) {
                verification->deleteLater();
                if (m_verification != verification)
                    return;
                m_verification.clear();
                Q_EMIT finished(result);
            });
    verification->start();
}

void LoginTester::cancel() {
    if (m_verification.isNull())
        return;
    registry::LoginVerification* verification = m_verification;
    m_verification.clear();
    verification->cancel();
    verification->deleteLater();
}

Result<QString> testRepository(const QString& registry, const QString& text) {
    QString name = text.trimmed();
    if (name.isEmpty())
        return QString();
    // Docker's rule: a first component with a dot or a port (or "localhost") is a registry host.
    const QString first = name.section(QLatin1Char('/'), 0, 0);
    if (name.contains(QLatin1Char('/')) &&
        (first.contains(QLatin1Char('.')) || first.contains(QLatin1Char(':')) ||
         first == QLatin1String("localhost"))) {
        const auto key = credentials::registryKey(first);
        if (!key || *key != registry)
            return fail(QStringLiteral("credentials.wrong-registry"),
                        QStringLiteral("%1 is an image on another registry than %2.").arg(name, registry),
                        QStringLiteral("Enter a repository on %1, e.g. owner/image.").arg(registry));
        name = name.section(QLatin1Char('/'), 1);
    }
    const auto reference = registry::ImageReference::parse(registry + QLatin1Char('/') + name);
    if (!reference)
        return std::unexpected(reference.error());
    return reference->repository;
}

QString describeLoginCheck(const registry::LoginCheck& check, const QString& registry,
                           const QString& repository) {
    if (!check.credentialsChecked)
        return QStringLiteral(
                   "%1 let the request in without asking for a login, so these credentials were not "
                   "checked. Saving them does no harm.")
            .arg(registry);
    if (repository.isEmpty())
        return QStringLiteral(
                   "Login works: %1 accepted the credentials. Enter a repository to check that they "
                   "may push too.")
            .arg(registry);
    return QStringLiteral("Login works: %1 accepted the credentials and allows pushing to %2.")
        .arg(registry, repository);
}

} // namespace slipway::ui

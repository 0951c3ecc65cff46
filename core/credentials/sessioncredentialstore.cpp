#include "credentials/sessioncredentialstore.h"

#include "credentials/futureresult.h"

namespace slipway::credentials {

QString SessionCredentialStore::location() const {
    return QStringLiteral("memory, for this session only");
}

QFuture<Result<RegistryCredential>> SessionCredentialStore::read(const QString& registry) {
    const auto found = m_entries.constFind(registry);
    if (found == m_entries.cend())
        return readyFuture<Result<RegistryCredential>>(
            fail(QString(kNotFound), QStringLiteral("No login for %1 in this session.").arg(registry),
                 QStringLiteral("Log in to %1 first.").arg(registry)));
    return readyFuture<Result<RegistryCredential>>(*found);
}

QFuture<Result<void>> SessionCredentialStore::store(const RegistryCredential& credential) {
    Result<void> valid = validateCredential(credential);
    if (valid) {
        m_entries.insert(credential.registry, credential);
        Q_EMIT changed();
    }
    return readyFuture(std::move(valid));
}

QFuture<Result<void>> SessionCredentialStore::remove(const QString& registry) {
    if (m_entries.remove(registry) > 0)
        Q_EMIT changed();
    return readyFuture<Result<void>>({});
}

QFuture<Result<QList<CredentialSummary>>> SessionCredentialStore::list() {
    QList<CredentialSummary> summaries;
    for (const RegistryCredential& credential : std::as_const(m_entries))
        summaries.append(summaryOf(credential));
    return readyFuture<Result<QList<CredentialSummary>>>(summaries);
}

} // namespace slipway::credentials

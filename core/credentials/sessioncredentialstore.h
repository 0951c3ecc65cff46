#pragma once

#include "credentials/credentialstore.h"

#include <QMap>

namespace slipway::credentials {

// Logins kept in this process's memory only, for when no OS keychain answers and the user chose to
// continue anyway. Nothing is written anywhere; everything is gone when Slipway quits. Callers must
// opt into it explicitly (it is never chosen silently in place of the keychain).
class SessionCredentialStore : public CredentialStore {
    Q_OBJECT

public:
    using CredentialStore::CredentialStore;

    QFuture<Result<RegistryCredential>> read(const QString& registry) override;
    QFuture<Result<void>> store(const RegistryCredential& credential) override;
    QFuture<Result<void>> remove(const QString& registry) override;
    QFuture<Result<QList<CredentialSummary>>> list() override;

    bool persistent() const override { return false; }
    QString location() const override;

private:
    QMap<QString, RegistryCredential> m_entries;
};

} // namespace slipway::credentials

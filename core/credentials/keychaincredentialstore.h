#pragma once

#include "credentials/credentialstore.h"
#include "credentials/keychainqueue.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <functional>
#include <optional>

namespace slipway::credentials {

// Registry logins in the OS keychain through QtKeychain (Secret Service on Linux, Keychain on macOS,
// Credential Manager on Windows). QtKeychain's plain-text fallback is switched off on every job.
//
// Layout, under the keychain service service() (default "Slipway"):
//   key "slipway:registry:<registry key>"  one JSON blob: username, kind and secret (registrycredential.h)
//   key "slipway:index"                    JSON list of {registry, username, kind}: no secrets
// The keys carry the "slipway:" prefix because Windows' Credential Manager ignores the service name.
// The index lives in the keychain too (not QSettings), so the GUI, the CLI and
// docker-credential-slipway see one consistent list without any file of Slipway's involved. It is
// only ever a listing: read() goes to the entry itself.
//
// Calls are queued and run one after another (KeychainQueue). When the keychain does not answer,
// every call fails with kNoKeychain and a message that says how to get one, or to continue with
// SessionCredentialStore.
class KeychainCredentialStore : public CredentialStore {
    Q_OBJECT

public:
    // The service name from SLIPWAY_KEYCHAIN_SERVICE, else "Slipway". Tests set the variable to keep
    // their entries apart from the user's; it names a namespace, it holds nothing secret.
    static QString defaultService();

    explicit KeychainCredentialStore(QObject* parent = nullptr);
    explicit KeychainCredentialStore(QString service, QObject* parent = nullptr);

    QString service() const { return m_keychain.service(); }
    static QString entryKey(const QString& registry);
    static QString indexKey();

    // One real read from the keychain: succeeds when the keychain answered (an empty keychain is
    // fine), fails with kNoKeychain when none did. QtKeychain has no cheaper honest check.
    QFuture<Result<void>> probe();

    QFuture<Result<RegistryCredential>> read(const QString& registry) override;
    QFuture<Result<void>> store(const RegistryCredential& credential) override;
    QFuture<Result<void>> remove(const QString& registry) override;
    QFuture<Result<QList<CredentialSummary>>> list() override;

    bool persistent() const override { return true; }
    QString location() const override;

private:
    using Index = QMap<QString, CredentialSummary>;
    void readIndex(std::function<void(Result<Index>)> done);
    void writeIndex(const Index& index, std::function<void(Result<void>)> done);

    KeychainQueue m_keychain;
};

} // namespace slipway::credentials

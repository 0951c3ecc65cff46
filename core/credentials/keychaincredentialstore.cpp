#include "credentials/keychaincredentialstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace slipway::credentials {

namespace {

const KeychainIndex kIndex{KeychainCredentialStore::indexKey(), QStringLiteral("registries"),
                           QStringLiteral("logins"),
                           QStringLiteral("log in again; the logins themselves stay")};

QJsonObject summaryToJson(const CredentialSummary& summary) {
    return {{QStringLiteral("registry"), summary.registry},
            {QStringLiteral("username"), summary.username},
            {QStringLiteral("kind"), secretKindName(summary.kind)}};
}

} // namespace

QString KeychainCredentialStore::defaultService() {
    const QString fromEnvironment = qEnvironmentVariable("SLIPWAY_KEYCHAIN_SERVICE");
    return fromEnvironment.isEmpty() ? QStringLiteral("Slipway") : fromEnvironment;
}

KeychainCredentialStore::KeychainCredentialStore(QObject* parent)
    : KeychainCredentialStore(defaultService(), parent) {}

KeychainCredentialStore::KeychainCredentialStore(QString service, QObject* parent)
    : CredentialStore(parent), m_keychain(std::move(service)) {}

QString KeychainCredentialStore::entryKey(const QString& registry) {
    return QStringLiteral("slipway:registry:") + registry;
}

QString KeychainCredentialStore::indexKey() {
    return QStringLiteral("slipway:index");
}

QString KeychainCredentialStore::location() const {
#if defined(Q_OS_MACOS)
    return QStringLiteral("the macOS keychain");
#elif defined(Q_OS_WIN)
    return QStringLiteral("Windows Credential Manager");
#else
    return QStringLiteral("the OS keychain (Secret Service)");
#endif
}

void KeychainCredentialStore::readIndex(std::function<void(Result<Index>)> done) {
    m_keychain.readIndex(kIndex, [done = std::move(done)](Result<QJsonArray> entries) {
        if (!entries)
            return done(std::unexpected(entries.error()));
        Index index;
        for (const QJsonValue& value : *entries) {
            const QJsonObject entry = value.toObject();
            const QString registry = entry.value(QStringLiteral("registry")).toString();
            const auto kind = secretKindFromName(entry.value(QStringLiteral("kind")).toString());
            if (!registry.isEmpty())
                index.insert(registry, {registry, entry.value(QStringLiteral("username")).toString(),
                                        kind.value_or(SecretKind::Password)});
        }
        done(index);
    });
}

void KeychainCredentialStore::writeIndex(const Index& index, std::function<void(Result<void>)> done) {
    QJsonArray registries;
    for (const CredentialSummary& summary : index)
        registries.append(summaryToJson(summary));
    m_keychain.writeIndex(kIndex, registries, std::move(done));
}

QFuture<Result<void>> KeychainCredentialStore::probe() {
    return m_keychain.queued<void>([this](std::function<void(Result<void>)> done) {
        m_keychain.readText(indexKey(), QStringLiteral("read a login"),
                            [done = std::move(done)](Result<std::optional<QByteArray>> text) {
                                done(text ? Result<void>() : std::unexpected(text.error()));
                            });
    });
}

QFuture<Result<RegistryCredential>> KeychainCredentialStore::read(const QString& registry) {
    return m_keychain.queued<RegistryCredential>([this, registry](
                                                     std::function<void(Result<RegistryCredential>)> done) {
        m_keychain.readText(
            entryKey(registry), QStringLiteral("read a login"),
            [registry, done = std::move(done)](Result<std::optional<QByteArray>> text) {
                if (!text)
                    return done(std::unexpected(text.error()));
                if (!text->has_value())
                    return done(fail(
                        QString(kNotFound), QStringLiteral("No login for %1 in the keychain.").arg(registry),
                        QStringLiteral("Log in with `slipway-cli login %1 --username USER`.").arg(registry)));
                done(credentialFromBlob(**text));
            });
    });
}

QFuture<Result<void>> KeychainCredentialStore::store(const RegistryCredential& credential) {
    if (auto valid = validateCredential(credential); !valid)
        return m_keychain.queued<void>([error = valid.error()](auto done) { done(std::unexpected(error)); });
    return m_keychain.queued<void>([this, credential](std::function<void(Result<void>)> done) {
        readIndex([this, credential, done](Result<Index> index) {
            if (!index)
                return done(std::unexpected(index.error()));
            m_keychain.writeText(entryKey(credential.registry), credentialToBlob(credential),
                                 QStringLiteral("store a login"),
                                 [this, credential, index = *index, done](Result<void> written) mutable {
                                     if (!written)
                                         return done(written);
                                     index.insert(credential.registry, summaryOf(credential));
                                     writeIndex(index, [this, done](Result<void> indexed) {
                                         if (indexed)
                                             Q_EMIT changed();
                                         done(indexed);
                                     });
                                 });
        });
    });
}

QFuture<Result<void>> KeychainCredentialStore::remove(const QString& registry) {
    return m_keychain.queued<void>([this, registry](std::function<void(Result<void>)> done) {
        m_keychain.deleteKey(entryKey(registry), QStringLiteral("remove a login"),
                             [this, registry, done](Result<void> deleted) {
                                 if (!deleted)
                                     return done(deleted);
                                 readIndex([this, registry, done](Result<Index> index) {
                                     if (!index)
                                         return done(std::unexpected(index.error()));
                                     // Not listed: nothing a view shows has changed.
                                     if (index->remove(registry) == 0)
                                         return done({});
                                     writeIndex(*index, [this, done](Result<void> indexed) {
                                         if (indexed)
                                             Q_EMIT changed();
                                         done(indexed);
                                     });
                                 });
                             });
    });
}

QFuture<Result<QList<CredentialSummary>>> KeychainCredentialStore::list() {
    return m_keychain.queued<QList<CredentialSummary>>(
        [this](std::function<void(Result<QList<CredentialSummary>>)> done) {
            readIndex([done = std::move(done)](Result<Index> index) {
                if (!index)
                    return done(std::unexpected(index.error()));
                done(index->values());
            });
        });
}

} // namespace slipway::credentials

#include "credentials/keychaincredentialstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPromise>
#include <memory>
#include <qt6keychain/keychain.h>

namespace slipway::credentials {

namespace {

constexpr int kIndexVersion = 1;

QString keychainFix() {
#if defined(Q_OS_MACOS)
    return QStringLiteral(
        "Unlock your login keychain in Keychain Access, or continue with credentials kept in "
        "memory for this session only.");
#elif defined(Q_OS_WIN)
    return QStringLiteral("Check that Windows Credential Manager works for your account, or continue with "
                          "credentials kept in memory for this session only.");
#else
    return QStringLiteral(
        "Start and unlock your desktop's keyring (GNOME Keyring or KWallet); on a server or "
        "in CI run Slipway inside a D-Bus session with `gnome-keyring-daemon --unlock` "
        "started. Or continue with credentials kept in memory for this session only.");
#endif
}

// What a failed QtKeychain job means for the user. QtKeychain's own text goes into the message
// because it is what tells "no D-Bus" from "locked" (it never contains the secret).
Error keychainError(const QKeychain::Job& job, const QString& action) {
    const QString cause = job.errorString().isEmpty() ? QStringLiteral("no details") : job.errorString();
    switch (job.error()) {
    case QKeychain::AccessDeniedByUser:
        return {
            QStringLiteral("credentials.access-denied"),
            QStringLiteral("The keychain refused to %1: access was denied when it asked.").arg(action),
            QStringLiteral("Allow Slipway when the keychain asks, and unlock the keychain if it is locked."),
            cause};
    case QKeychain::CouldNotDeleteEntry:
        return {QStringLiteral("credentials.keychain-failed"),
                QStringLiteral("The keychain could not %1: %2").arg(action, cause),
                QStringLiteral("Remove the entry with your keychain's own tool (Seahorse, KWalletManager, "
                               "Keychain Access) and try again."),
                cause};
    default:
        return {QString(kNoKeychain), QStringLiteral("No OS keychain answered: %1").arg(cause), keychainFix(),
                QStringLiteral("while trying to %1").arg(action)};
    }
}

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
    : CredentialStore(parent), m_service(std::move(service)) {}

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

template <typename T>
QFuture<Result<T>> KeychainCredentialStore::queued(std::function<void(std::function<void(Result<T>)>)> body) {
    // Shared: the promise travels through copyable std::function steps. If the store dies first, the
    // promise is destroyed unfinished and the future reports cancellation.
    auto promise = std::make_shared<QPromise<Result<T>>>();
    promise->start();
    QFuture<Result<T>> future = promise->future();
    enqueue([body = std::move(body), promise](std::function<void()> done) {
        body([promise, done = std::move(done)](Result<T> result) {
            promise->addResult(std::move(result));
            promise->finish();
            done();
        });
    });
    return future;
}

void KeychainCredentialStore::enqueue(Step step) {
    m_queue.append(std::move(step));
    if (!m_running)
        runNext();
}

void KeychainCredentialStore::runNext() {
    if (m_queue.isEmpty()) {
        m_running = false;
        return;
    }
    m_running = true;
    Step step = m_queue.takeFirst();
    // Queued: the next step starts from the event loop, not from inside the previous one's callback.
    step(
        [this] { QMetaObject::invokeMethod(this, &KeychainCredentialStore::runNext, Qt::QueuedConnection); });
}

void KeychainCredentialStore::prepare(QKeychain::Job* job, const QString& key) {
    job->setKey(key);
    // No parent: a job the backend is still working on must not be deleted under it when the store
    // goes away. The job deletes itself once finished; the store's connection to it (context
    // `this`) simply ends with the store, and the pending future reports cancellation.
    job->setAutoDelete(true);
    // The default is already false; said explicitly because a plain-text store is never acceptable.
    job->setInsecureFallback(false);
}

void KeychainCredentialStore::readText(const QString& key,
                                       std::function<void(Result<std::optional<QByteArray>>)> done) {
    auto* job = new QKeychain::ReadPasswordJob(m_service);
    prepare(job, key);
    connect(job, &QKeychain::Job::finished, this, [job, done = std::move(done)] {
        if (job->error() == QKeychain::EntryNotFound)
            return done(std::optional<QByteArray>());
        if (job->error() != QKeychain::NoError)
            return done(std::unexpected(keychainError(*job, QStringLiteral("read a login"))));
        done(std::optional<QByteArray>(job->textData().toUtf8()));
    });
    job->start();
}

void KeychainCredentialStore::writeText(const QString& key, const QByteArray& text,
                                        std::function<void(Result<void>)> done) {
    auto* job = new QKeychain::WritePasswordJob(m_service);
    prepare(job, key);
    // Text, not binary: libsecret then keeps it as is rather than base64, like every other secret.
    job->setTextData(QString::fromUtf8(text));
    connect(job, &QKeychain::Job::finished, this, [job, done = std::move(done)] {
        if (job->error() != QKeychain::NoError)
            return done(std::unexpected(keychainError(*job, QStringLiteral("store a login"))));
        done({});
    });
    job->start();
}

void KeychainCredentialStore::deleteKey(const QString& key, std::function<void(Result<void>)> done) {
    auto* job = new QKeychain::DeletePasswordJob(m_service);
    prepare(job, key);
    connect(job, &QKeychain::Job::finished, this, [job, done = std::move(done)] {
        if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound)
            return done(std::unexpected(keychainError(*job, QStringLiteral("remove a login"))));
        done({});
    });
    job->start();
}

void KeychainCredentialStore::readIndex(std::function<void(Result<Index>)> done) {
    readText(indexKey(), [done = std::move(done)](Result<std::optional<QByteArray>> text) {
        if (!text)
            return done(std::unexpected(text.error()));
        Index index;
        if (!text->has_value())
            return done(index);
        const QJsonObject root = QJsonDocument::fromJson(**text).object();
        if (root.value(QStringLiteral("version")).toInt() != kIndexVersion)
            return done(
                fail(QStringLiteral("credentials.corrupt-index"),
                     QStringLiteral("Slipway's list of logins in the keychain is not in the format "
                                    "Slipway writes."),
                     QStringLiteral("Delete the keychain item 'slipway:index' (Seahorse, KWalletManager, "
                                    "Keychain Access) and log in again; the logins themselves stay.")));
        for (const QJsonValue& value : root.value(QStringLiteral("registries")).toArray()) {
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
    const QJsonObject root{{QStringLiteral("version"), kIndexVersion},
                           {QStringLiteral("registries"), registries}};
    writeText(indexKey(), QJsonDocument(root).toJson(QJsonDocument::Compact), std::move(done));
}

QFuture<Result<void>> KeychainCredentialStore::probe() {
    return queued<void>([this](std::function<void(Result<void>)> done) {
        readText(indexKey(), [done = std::move(done)](Result<std::optional<QByteArray>> text) {
            done(text ? Result<void>() : std::unexpected(text.error()));
        });
    });
}

QFuture<Result<RegistryCredential>> KeychainCredentialStore::read(const QString& registry) {
    return queued<RegistryCredential>([this, registry](std::function<void(Result<RegistryCredential>)> done) {
        readText(
            entryKey(registry), [registry, done = std::move(done)](Result<std::optional<QByteArray>> text) {
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
        return queued<void>([error = valid.error()](auto done) { done(std::unexpected(error)); });
    return queued<void>([this, credential](std::function<void(Result<void>)> done) {
        readIndex([this, credential, done](Result<Index> index) {
            if (!index)
                return done(std::unexpected(index.error()));
            writeText(entryKey(credential.registry), credentialToBlob(credential),
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
    return queued<void>([this, registry](std::function<void(Result<void>)> done) {
        deleteKey(entryKey(registry), [this, registry, done](Result<void> deleted) {
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
    return queued<QList<CredentialSummary>>(
        [this](std::function<void(Result<QList<CredentialSummary>>)> done) {
            readIndex([done = std::move(done)](Result<Index> index) {
                if (!index)
                    return done(std::unexpected(index.error()));
                done(index->values());
            });
        });
}

} // namespace slipway::credentials

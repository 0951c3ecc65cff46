#include "credentials/pullsecretstore.h"

#include "credentials/credentialstore.h"
#include "credentials/keychaincredentialstore.h"
#include "registry/pullsecret.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPromise>
#include <QRegularExpression>
#include <memory>
#include <qt6keychain/keychain.h>

namespace slipway::credentials {

namespace {

constexpr int kIndexVersion = 1;
constexpr qsizetype kMaxNameLength = 253;

// The way to declare a secret, for every message that finds one missing or unusable.
QString addFix(const QString& name) {
    return QStringLiteral(
               "Add it from the cluster with: kubectl get secret %1 -o "
               "jsonpath='{.data.\\.dockerconfigjson}' "
               "| base64 -d | slipway-cli credentials add-pull-secret %1 (or from a Slipway login: "
               "slipway-cli credentials add-pull-secret %1 --from-docker-login REGISTRY)")
        .arg(name);
}

Error keychainError(const QKeychain::Job& job, const QString& action) {
    const QString cause = job.errorString().isEmpty() ? QStringLiteral("no details") : job.errorString();
    if (job.error() == QKeychain::AccessDeniedByUser)
        return {
            QStringLiteral("credentials.access-denied"),
            QStringLiteral("The keychain refused to %1: access was denied when it asked.").arg(action),
            QStringLiteral("Allow Slipway when the keychain asks, and unlock the keychain if it is locked."),
            cause};
    return {QString(kNoKeychain), QStringLiteral("No OS keychain answered: %1").arg(cause),
            QStringLiteral("Start and unlock your desktop's keyring (GNOME Keyring, KWallet, Keychain Access "
                           "or Credential Manager); pull secrets are kept nowhere else."),
            QStringLiteral("while trying to %1").arg(action)};
}

} // namespace

PullSecretStore::PullSecretStore(QObject* parent)
    : PullSecretStore(KeychainCredentialStore::defaultService(), parent) {}

PullSecretStore::PullSecretStore(QString service, QObject* parent)
    : QObject(parent), m_service(std::move(service)) {}

QString PullSecretStore::entryKey(const QString& name) {
    return QStringLiteral("slipway:pull-secret:") + name;
}

QString PullSecretStore::indexKey() {
    return QStringLiteral("slipway:pull-secret-index");
}

Result<void> PullSecretStore::validateName(const QString& name) {
    static const QRegularExpression subdomain(
        QStringLiteral("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"));
    if (name.size() <= kMaxNameLength && subdomain.match(name).hasMatch())
        return {};
    return fail(QStringLiteral("credentials.pull-secret-name"),
                QStringLiteral("'%1' is not a Kubernetes secret name.").arg(name),
                QStringLiteral("Use the name the secret has in the cluster (kubectl get secrets): lower-case "
                               "letters, digits, '-' and '.', starting and ending with a letter or digit, "
                               "e.g. regcred."));
}

template <typename T>
QFuture<Result<T>> PullSecretStore::queued(std::function<void(std::function<void(Result<T>)>)> body) {
    // Shared: the promise travels through copyable std::function steps. If the store dies first, the
    // promise is destroyed unfinished and the future reports cancellation.
    auto promise = std::make_shared<QPromise<Result<T>>>();
    promise->start();
    QFuture<Result<T>> future = promise->future();
    m_queue.append([body = std::move(body), promise](std::function<void()> done) {
        body([promise, done = std::move(done)](Result<T> result) {
            promise->addResult(std::move(result));
            promise->finish();
            done();
        });
    });
    if (!m_running)
        runNext();
    return future;
}

void PullSecretStore::runNext() {
    m_running = !m_queue.isEmpty();
    if (!m_running)
        return;
    // Queued: the next step starts from the event loop, not from inside the previous one's callback.
    m_queue.takeFirst()(
        [this] { QMetaObject::invokeMethod(this, &PullSecretStore::runNext, Qt::QueuedConnection); });
}

QKeychain::Job* PullSecretStore::prepared(QKeychain::Job* job, const QString& key) const {
    job->setKey(key);
    // No parent and auto-delete: a job the backend still works on outlives the store safely.
    job->setAutoDelete(true);
    // Already the default; said explicitly because a plain-text store is never acceptable.
    job->setInsecureFallback(false);
    return job;
}

void PullSecretStore::readText(const QString& key,
                               std::function<void(Result<std::optional<QByteArray>>)> done) {
    auto* job = new QKeychain::ReadPasswordJob(m_service);
    connect(prepared(job, key), &QKeychain::Job::finished, this, [job, done = std::move(done)] {
        if (job->error() == QKeychain::EntryNotFound)
            return done(std::optional<QByteArray>());
        if (job->error() != QKeychain::NoError)
            return done(std::unexpected(keychainError(*job, QStringLiteral("read a pull secret"))));
        done(std::optional<QByteArray>(job->textData().toUtf8()));
    });
    job->start();
}

void PullSecretStore::writeText(const QString& key, const QByteArray& text,
                                std::function<void(Result<void>)> done) {
    auto* job = new QKeychain::WritePasswordJob(m_service);
    job->setTextData(QString::fromUtf8(text));
    connect(prepared(job, key), &QKeychain::Job::finished, this, [job, done = std::move(done)] {
        if (job->error() != QKeychain::NoError)
            return done(std::unexpected(keychainError(*job, QStringLiteral("store a pull secret"))));
        done({});
    });
    job->start();
}

void PullSecretStore::deleteKey(const QString& key, std::function<void(Result<void>)> done) {
    auto* job = new QKeychain::DeletePasswordJob(m_service);
    connect(prepared(job, key), &QKeychain::Job::finished, this, [job, done = std::move(done)] {
        if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound)
            return done(std::unexpected(keychainError(*job, QStringLiteral("remove a pull secret"))));
        done({});
    });
    job->start();
}

void PullSecretStore::readIndex(std::function<void(Result<Index>)> done) {
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
                     QStringLiteral("Slipway's list of pull secrets in the keychain is not in the "
                                    "format Slipway writes."),
                     QStringLiteral("Delete the keychain item 'slipway:pull-secret-index' (Seahorse, "
                                    "KWalletManager, Keychain Access) and add the pull secrets again.")));
        for (const QJsonValue& value : root.value(QStringLiteral("pullSecrets")).toArray()) {
            const QJsonObject entry = value.toObject();
            const QString name = entry.value(QStringLiteral("name")).toString();
            QStringList registries;
            for (const QJsonValue& registry : entry.value(QStringLiteral("registries")).toArray())
                registries.append(registry.toString());
            if (!name.isEmpty())
                index.insert(name, {name, registries});
        }
        done(index);
    });
}

void PullSecretStore::writeIndex(const Index& index, std::function<void(Result<void>)> done) {
    QJsonArray secrets;
    for (const PullSecretSummary& summary : index)
        secrets.append(
            QJsonObject{{QStringLiteral("name"), summary.name},
                        {QStringLiteral("registries"), QJsonArray::fromStringList(summary.registries)}});
    const QJsonObject root{{QStringLiteral("version"), kIndexVersion},
                           {QStringLiteral("pullSecrets"), secrets}};
    writeText(indexKey(), QJsonDocument(root).toJson(QJsonDocument::Compact), std::move(done));
}

QFuture<Result<QByteArray>> PullSecretStore::read(const QString& name) {
    return queued<QByteArray>([this, name](std::function<void(Result<QByteArray>)> done) {
        readText(entryKey(name), [name, done = std::move(done)](Result<std::optional<QByteArray>> text) {
            if (!text)
                return done(std::unexpected(text.error()));
            if (!text->has_value())
                return done(fail(QString(kNotFound),
                                 QStringLiteral("No pull secret named '%1' in the keychain.").arg(name),
                                 addFix(name)));
            done(**text);
        });
    });
}

QFuture<Result<PullSecretSummary>> PullSecretStore::store(const QString& name, const QByteArray& content) {
    using Done = std::function<void(Result<PullSecretSummary>)>;
    const auto valid = validateName(name);
    const auto registries = registry::pullSecretRegistries(content);
    if (!valid || !registries) {
        Error error = valid ? registries.error() : valid.error();
        // The parser's fix says where the content comes from; here it also has to say where it goes.
        if (valid)
            error.fix = addFix(name);
        return queued<PullSecretSummary>([error](Done done) { done(std::unexpected(error)); });
    }
    const PullSecretSummary summary{name, *registries};
    return queued<PullSecretSummary>([this, summary, content](Done done) {
        readIndex([this, summary, content, done](Result<Index> index) {
            if (!index)
                return done(std::unexpected(index.error()));
            writeText(entryKey(summary.name), content,
                      [this, summary, index = *index, done](Result<void> written) mutable {
                          if (!written)
                              return done(std::unexpected(written.error()));
                          index.insert(summary.name, summary);
                          writeIndex(index, [this, summary, done](Result<void> indexed) {
                              if (!indexed)
                                  return done(std::unexpected(indexed.error()));
                              Q_EMIT changed();
                              done(summary);
                          });
                      });
        });
    });
}

QFuture<Result<bool>> PullSecretStore::remove(const QString& name) {
    return queued<bool>([this, name](std::function<void(Result<bool>)> done) {
        readIndex([this, name, done](Result<Index> index) {
            if (!index)
                return done(std::unexpected(index.error()));
            deleteKey(entryKey(name), [this, name, index = *index, done](Result<void> deleted) mutable {
                if (!deleted)
                    return done(std::unexpected(deleted.error()));
                if (index.remove(name) == 0)
                    return done(false);
                writeIndex(index, [this, done](Result<void> indexed) {
                    if (!indexed)
                        return done(std::unexpected(indexed.error()));
                    Q_EMIT changed();
                    done(true);
                });
            });
        });
    });
}

QFuture<Result<QList<PullSecretSummary>>> PullSecretStore::list() {
    return queued<QList<PullSecretSummary>>(
        [this](std::function<void(Result<QList<PullSecretSummary>>)> done) {
            readIndex([done = std::move(done)](Result<Index> index) {
                if (!index)
                    return done(std::unexpected(index.error()));
                done(index->values());
            });
        });
}

} // namespace slipway::credentials

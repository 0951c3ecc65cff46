#include "credentials/pullsecretstore.h"

#include "credentials/credentialstore.h"
#include "credentials/keychaincredentialstore.h"
#include "registry/pullsecret.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace slipway::credentials {

namespace {

const KeychainIndex kIndex{PullSecretStore::indexKey(), QStringLiteral("pullSecrets"),
                           QStringLiteral("pull secrets"), QStringLiteral("add the pull secrets again")};
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

} // namespace

PullSecretStore::PullSecretStore(QObject* parent)
    : PullSecretStore(KeychainCredentialStore::defaultService(), parent) {}

PullSecretStore::PullSecretStore(QString service, QObject* parent)
    : QObject(parent), m_keychain(std::move(service)) {}

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

void PullSecretStore::readIndex(std::function<void(Result<Index>)> done) {
    m_keychain.readIndex(kIndex, [done = std::move(done)](Result<QJsonArray> entries) {
        if (!entries)
            return done(std::unexpected(entries.error()));
        Index index;
        for (const QJsonValue& value : *entries) {
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
    m_keychain.writeIndex(kIndex, secrets, std::move(done));
}

QFuture<Result<QByteArray>> PullSecretStore::read(const QString& name) {
    return m_keychain.queued<QByteArray>([this, name](std::function<void(Result<QByteArray>)> done) {
        m_keychain.readText(
            entryKey(name), QStringLiteral("read a pull secret"),
            [name, done = std::move(done)](Result<std::optional<QByteArray>> text) {
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
        return m_keychain.queued<PullSecretSummary>([error](Done done) { done(std::unexpected(error)); });
    }
    const PullSecretSummary summary{name, *registries};
    return m_keychain.queued<PullSecretSummary>([this, summary, content](Done done) {
        readIndex([this, summary, content, done](Result<Index> index) {
            if (!index)
                return done(std::unexpected(index.error()));
            m_keychain.writeText(entryKey(summary.name), content, QStringLiteral("store a pull secret"),
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
    return m_keychain.queued<bool>([this, name](std::function<void(Result<bool>)> done) {
        readIndex([this, name, done](Result<Index> index) {
            if (!index)
                return done(std::unexpected(index.error()));
            m_keychain.deleteKey(entryKey(name), QStringLiteral("remove a pull secret"),
                                 [this, name, index = *index, done](Result<void> deleted) mutable {
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
    return m_keychain.queued<QList<PullSecretSummary>>(
        [this](std::function<void(Result<QList<PullSecretSummary>>)> done) {
            readIndex([done = std::move(done)](Result<Index> index) {
                if (!index)
                    return done(std::unexpected(index.error()));
                done(index->values());
            });
        });
}

} // namespace slipway::credentials

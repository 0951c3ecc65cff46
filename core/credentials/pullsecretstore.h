#pragma once

#include "common/error.h"
#include "credentials/keychainqueue.h"

#include <QByteArray>
#include <QFuture>
#include <QList>
#include <QMap>
#include <QObject>
#include <QStringList>
#include <functional>
#include <optional>

namespace slipway::credentials {

// A pull secret the user declared once, by its Kubernetes name: which registries it covers, never
// what it holds.
struct PullSecretSummary {
    QString name;
    QStringList registries;

    friend bool operator==(const PullSecretSummary&, const PullSecretSummary&) = default;
};

// The cluster's pull secrets (kubernetes.io/dockerconfigjson content) in the OS keychain, under the
// Kubernetes name the cluster knows them by (`regcred`), so a pull check can use what the cluster
// will use without the secret ever sitting in a file, argv or a log.
//
// Layout, under the same keychain service as KeychainCredentialStore (default "Slipway"):
//   key "slipway:pull-secret:<name>"  the .dockerconfigjson text, as given
//   key "slipway:pull-secret-index"   JSON list of {name, registries}: no secrets
// Like KeychainCredentialStore, calls run one after another through KeychainQueue, fail with
// kNoKeychain when no keychain answers, and finish on the event loop.
class PullSecretStore : public QObject {
    Q_OBJECT

public:
    explicit PullSecretStore(QObject* parent = nullptr);
    explicit PullSecretStore(QString service, QObject* parent = nullptr);

    static QString entryKey(const QString& name);
    static QString indexKey();

    // A Kubernetes Secret name is a DNS-1123 subdomain: lower-case letters, digits, '-' and '.',
    // starting and ending with a letter or digit, at most 253 characters.
    static Result<void> validateName(const QString& name);

    // The content; an Error with code kNotFound (credentialstore.h) when no secret has that name.
    QFuture<Result<QByteArray>> read(const QString& name);
    // Stores or replaces the secret after checking the name and that the content is a
    // dockerconfigjson with a usable login in every entry. Never quotes the content back.
    QFuture<Result<PullSecretSummary>> store(const QString& name, const QByteArray& content);
    // Removes the secret; true when there was one.
    QFuture<Result<bool>> remove(const QString& name);
    // Every pull secret without its content, sorted by name.
    QFuture<Result<QList<PullSecretSummary>>> list();

Q_SIGNALS:
    // After a store or remove changed something, so views can refresh.
    void changed();

private:
    using Index = QMap<QString, PullSecretSummary>;
    void readIndex(std::function<void(Result<Index>)> done);
    void writeIndex(const Index& index, std::function<void(Result<void>)> done);

    KeychainQueue m_keychain;
};

} // namespace slipway::credentials

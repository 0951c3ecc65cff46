#include "docker/storedregistryauth.h"

#include "credentials/credentialstore.h"
#include "credentials/registrykey.h"

#include <QMap>
#include <memory>

namespace slipway::docker {

namespace {

struct Loading {
    credentials::CredentialStore* store = nullptr;
    QStringList keys;
    QMap<QString, RegistryAuth> found;
    RegistryAuthLookup fallback;
    QObject* context = nullptr;
    std::function<void(RegistryAuthLookup, QString)> done;
};

RegistryAuthLookup snapshot(QMap<QString, RegistryAuth> found, RegistryAuthLookup fallback) {
    return [found, fallback](const QString& host) -> std::optional<RegistryAuth> {
        const auto key = credentials::registryKey(host);
        if (key) {
            if (auto it = found.find(*key); it != found.end())
                return *it;
        }
        return fallback ? fallback(host) : std::nullopt;
    };
}

void readNext(std::shared_ptr<Loading> loading, qsizetype index) {
    if (index >= loading->keys.size()) {
        loading->done(snapshot(loading->found, loading->fallback), {});
        return;
    }
    const QString key = loading->keys[index];
    loading->store->read(key).then(
        loading->context, [loading, index, key](const Result<credentials::RegistryCredential>& read) {
            if (!read && read.error().code == credentials::kNoKeychain) {
                loading->done(snapshot({}, loading->fallback), read.error().message);
                return;
            }
            if (read) {
                RegistryAuth auth;
                auth.serverAddress = credentials::dockerServerUrl(key);
                if (read->kind == credentials::SecretKind::IdentityToken) {
                    auth.identityToken = read->secret;
                } else {
                    auth.username = read->username;
                    auth.password = read->secret;
                }
                loading->found.insert(key, auth);
            }
            readNext(loading, index + 1);
        });
}

} // namespace

void loadStoredRegistryAuth(credentials::CredentialStore& store, const QStringList& hosts,
                            RegistryAuthLookup fallback, QObject* context,
                            std::function<void(RegistryAuthLookup, QString)> done) {
    auto loading = std::make_shared<Loading>();
    loading->store = &store;
    loading->fallback = std::move(fallback);
    loading->context = context;
    loading->done = std::move(done);
    for (const QString& host : hosts) {
        if (const auto key = credentials::registryKey(host); key && !loading->keys.contains(*key))
            loading->keys.append(*key);
    }
    readNext(loading, 0);
}

} // namespace slipway::docker

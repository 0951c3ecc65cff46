#include "credentials/dockerimport.h"

#include "credentials/credentialhelperclient.h"
#include "credentials/credentialstore.h"
#include "credentials/dockerconfig.h"
#include "credentials/registrykey.h"

#include <QJsonObject>
#include <QPointer>
#include <QPromise>
#include <QSet>
#include <memory>

namespace slipway::credentials {

namespace {

// One entry of the config to import: where its secret is.
struct Candidate {
    QString entry;    // as spelled in config.json or by the helper
    QString registry; // Slipway key
    QString helper;   // empty: from `auths`
    QJsonObject auth; // the `auths` entry, if any (fallback when the helper has nothing)
};

std::optional<RegistryCredential> fromAuthsEntry(const QString& registry, const QJsonObject& entry,
                                                 QString& whyNot) {
    QString username;
    QString secret;
    const QByteArray decoded =
        QByteArray::fromBase64(entry.value(QStringLiteral("auth")).toString().toLatin1());
    const qsizetype colon = decoded.indexOf(':');
    if (colon > 0) {
        username = QString::fromUtf8(decoded.left(colon));
        secret = QString::fromUtf8(decoded.mid(colon + 1));
    }
    const QString identityToken = entry.value(QStringLiteral("identitytoken")).toString();
    if (!identityToken.isEmpty())
        return RegistryCredential{registry, username == QLatin1String("<token>") ? QString() : username,
                                  identityToken, SecretKind::IdentityToken};
    if (!secret.isEmpty())
        return RegistryCredential{registry, username, secret, guessSecretKind(secret)};
    if (!entry.value(QStringLiteral("registrytoken")).toString().isEmpty())
        whyNot =
            QStringLiteral("it holds a short-lived registry token, not a login; log in to it with Slipway");
    else if (!entry.value(QStringLiteral("auth")).toString().isEmpty())
        whyNot = QStringLiteral("its `auth` value is not base64 of user:password");
    else
        whyNot =
            QStringLiteral("the entry is empty: the login is kept by a credential helper that config.json no "
                           "longer names");
    return std::nullopt;
}

// The import as a chain of asynchronous steps; deletes itself when done.
class ImportRun : public QObject {
public:
    ImportRun(QString configDir, CredentialStore& store, ImportOptions options)
        : m_configDir(std::move(configDir)), m_store(&store), m_options(options) {
        m_promise.start();
    }

    QFuture<Result<ImportReport>> future() { return m_promise.future(); }

    void start() {
        auto config = readDockerConfig(m_configDir);
        if (!config)
            return finish(std::unexpected(config.error()));
        m_config = *config;
        m_report.configPath = dockerConfigPath(m_configDir);
        m_auths = m_config.value(QStringLiteral("auths")).toObject();
        m_credsStore = m_config.value(QStringLiteral("credsStore")).toString();
        // Slipway's own helper is not asked: its entries are the store being imported into.
        if (m_credsStore.isEmpty() || m_credsStore == kSlipwayHelperName)
            return listExisting({});
        CredentialHelperClient::list(m_credsStore).then(this, [this](Result<QMap<QString, QString>> listed) {
            if (!listed) {
                skip(QStringLiteral("credsStore (%1)").arg(m_credsStore), listed.error().describe());
                m_credsStore.clear();
                return listExisting({});
            }
            listExisting(listed->keys());
        });
    }

private:
    void listExisting(const QStringList& storeEntries) {
        m_storeEntries = storeEntries;
        if (!m_store)
            return storeGone();
        if (m_options.replaceExisting)
            return collect({});
        m_store->list().then(this, [this](Result<QList<CredentialSummary>> existing) {
            QSet<QString> registries;
            for (const CredentialSummary& summary : existing.value_or(QList<CredentialSummary>()))
                registries.insert(summary.registry);
            collect(registries);
        });
    }

    void collect(const QSet<QString>& existing) {
        const QJsonObject helpers = m_config.value(QStringLiteral("credHelpers")).toObject();
        QStringList entries = helpers.keys() + m_storeEntries + m_auths.keys();
        QSet<QString> seen;
        for (const QString& entry : entries) {
            auto registry = registryKey(entry);
            if (!registry) {
                // Docker Hub's OAuth login keeps its access and refresh tokens under these keys.
                skip(entry,
                     entry.contains(QLatin1String("docker.io/v1/"))
                         ? QStringLiteral("Docker Hub's own OAuth token bookkeeping, not a registry login")
                         : registry.error().message);
                continue;
            }
            if (seen.contains(*registry))
                continue;
            seen.insert(*registry);
            const QString helper =
                helpers.value(entry).toString(helpers.value(*registry).toString(m_credsStore));
            if (helper == kSlipwayHelperName) {
                skip(entry, QStringLiteral("docker already uses Slipway's own entries for it"));
                continue;
            }
            if (existing.contains(*registry)) {
                skip(entry, QStringLiteral(
                                "Slipway already has a login for %1 (import with replace to overwrite it)")
                                .arg(*registry));
                continue;
            }
            m_candidates.append({entry, *registry, helper, m_auths.value(entry).toObject()});
        }
        next();
    }

    void next() {
        if (m_candidates.isEmpty())
            return finish(m_report);
        const Candidate candidate = m_candidates.takeFirst();
        if (candidate.helper.isEmpty())
            return fromAuths(candidate, QStringLiteral("auths"));
        const bool perRegistry = candidate.helper != m_credsStore;
        const QString source = QStringLiteral("%1 (%2)").arg(
            perRegistry ? QStringLiteral("credHelpers") : QStringLiteral("credsStore"), candidate.helper);
        CredentialHelperClient::get(candidate.helper, candidate.entry)
            .then(this, [this, candidate, source](Result<HelperLogin> login) {
                if (!login) {
                    // Docker itself falls back to the plain-text entry when the helper has none.
                    if (candidate.auth.contains(QStringLiteral("auth")) ||
                        candidate.auth.contains(QStringLiteral("identitytoken")))
                        return fromAuths(candidate, QStringLiteral("auths"));
                    skip(candidate.entry, login.error().describe());
                    return next();
                }
                const SecretKind kind =
                    login->identityToken ? SecretKind::IdentityToken : guessSecretKind(login->secret);
                save(RegistryCredential{candidate.registry, login->username, login->secret, kind},
                     candidate.entry, source);
            });
    }

    void fromAuths(const Candidate& candidate, const QString& source) {
        QString whyNot;
        const auto credential = fromAuthsEntry(candidate.registry, candidate.auth, whyNot);
        if (!credential) {
            skip(candidate.entry, whyNot);
            return next();
        }
        save(*credential, candidate.entry, source);
    }

    void save(const RegistryCredential& credential, const QString& entry, const QString& source) {
        if (!m_store)
            return storeGone();
        m_store->store(credential).then(this, [this, credential, entry, source](Result<void> stored) {
            if (stored)
                m_report.imported.append({credential.registry, credential.username, credential.kind, source});
            else
                skip(entry, stored.error().describe());
            next();
        });
    }

    void storeGone() {
        finish(fail(QStringLiteral("credentials.store-gone"),
                    QStringLiteral("The credential store was closed during the import."),
                    QStringLiteral("Start the import again.")));
    }

    void skip(const QString& entry, const QString& reason) { m_report.skipped.append({entry, reason}); }

    void finish(Result<ImportReport> result) {
        m_promise.addResult(std::move(result));
        m_promise.finish();
        deleteLater();
    }

    QString m_configDir;
    QPointer<CredentialStore> m_store;
    ImportOptions m_options;
    QPromise<Result<ImportReport>> m_promise;
    QJsonObject m_config;
    QJsonObject m_auths;
    QString m_credsStore;
    QStringList m_storeEntries;
    QList<Candidate> m_candidates;
    ImportReport m_report;
};

} // namespace

QFuture<Result<ImportReport>> importDockerCredentials(const QString& configDir, CredentialStore& store,
                                                      ImportOptions options) {
    auto* run = new ImportRun(configDir, store, options);
    QFuture<Result<ImportReport>> future = run->future();
    run->start();
    return future;
}

} // namespace slipway::credentials

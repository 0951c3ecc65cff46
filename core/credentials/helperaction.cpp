#include "credentials/helperaction.h"

#include "credentials/credentialstore.h"
#include "credentials/futureresult.h"
#include "credentials/registrykey.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace slipway::credentials {

namespace {

const QLatin1StringView kTokenUsername{"<token>"};

HelperReply failure(const QString& message) {
    return {message.toUtf8() + '\n', 1};
}

// docker shows this text as is. Without a keychain the core's fix offers a session-only store,
// which a helper process that ends at once cannot use: say how to get docker working instead.
HelperReply failure(const Error& error) {
    if (error.code == kNoKeychain)
        return failure(error.message +
                       QStringLiteral(" -> Start and unlock your desktop's keyring (GNOME Keyring "
                                      "or KWallet), or stop docker using Slipway's entries with "
                                      "`slipway-cli credentials disable-helper`."));
    return failure(error.describe());
}

// Slipway's key for a server URL docker sends; URLs with other paths stay as they are.
QString keyForServerUrl(const QString& serverUrl) {
    return registryKey(serverUrl).value_or(serverUrl.trimmed());
}

QString serverUrlForKey(const QString& key) {
    return key.contains(QLatin1Char('/')) ? key : dockerServerUrl(key);
}

QFuture<HelperReply> store(const QByteArray& input, CredentialStore& credentials) {
    const QJsonObject object = QJsonDocument::fromJson(input).object();
    const QString serverUrl = object.value(QStringLiteral("ServerURL")).toString().trimmed();
    const QString username = object.value(QStringLiteral("Username")).toString();
    const QString secret = object.value(QStringLiteral("Secret")).toString();
    if (serverUrl.isEmpty())
        return readyFuture(failure(QStringLiteral("no credentials server URL")));
    if (username.isEmpty())
        return readyFuture(failure(QStringLiteral("no credentials username")));
    const bool identityToken = username == kTokenUsername;
    const RegistryCredential credential{keyForServerUrl(serverUrl), identityToken ? QString() : username,
                                        secret,
                                        identityToken ? SecretKind::IdentityToken : guessSecretKind(secret)};
    return credentials.store(credential).then([](Result<void> stored) {
        return stored ? HelperReply{} : failure(stored.error());
    });
}

QFuture<HelperReply> get(const QByteArray& input, CredentialStore& credentials) {
    const QString serverUrl = QString::fromUtf8(input).trimmed();
    if (serverUrl.isEmpty())
        return readyFuture(failure(QStringLiteral("no credentials server URL")));
    return credentials.read(keyForServerUrl(serverUrl))
        .then([serverUrl](Result<RegistryCredential> credential) {
            if (!credential)
                return credential.error().code == kNotFound
                           ? failure(QStringLiteral("credentials not found in native keychain"))
                           : failure(credential.error());
            const bool identityToken = credential->kind == SecretKind::IdentityToken;
            const QJsonObject object{
                {QStringLiteral("ServerURL"), serverUrl},
                {QStringLiteral("Username"), identityToken ? QString(kTokenUsername) : credential->username},
                {QStringLiteral("Secret"), credential->secret}};
            return HelperReply{QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n', 0};
        });
}

QFuture<HelperReply> erase(const QByteArray& input, CredentialStore& credentials) {
    const QString serverUrl = QString::fromUtf8(input).trimmed();
    if (serverUrl.isEmpty())
        return readyFuture(failure(QStringLiteral("no credentials server URL")));
    return credentials.remove(keyForServerUrl(serverUrl)).then([](Result<void> removed) {
        return removed ? HelperReply{} : failure(removed.error());
    });
}

QFuture<HelperReply> list(CredentialStore& credentials) {
    return credentials.list().then([](Result<QList<CredentialSummary>> summaries) {
        if (!summaries)
            return failure(summaries.error());
        QJsonObject object;
        for (const CredentialSummary& summary : *summaries)
            object.insert(serverUrlForKey(summary.registry), summary.kind == SecretKind::IdentityToken
                                                                 ? QString(kTokenUsername)
                                                                 : summary.username);
        return HelperReply{QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n', 0};
    });
}

} // namespace

QFuture<HelperReply> runHelperAction(const QString& action, const QByteArray& input,
                                     CredentialStore& credentials) {
    if (action == QLatin1String("store"))
        return store(input, credentials);
    if (action == QLatin1String("get"))
        return get(input, credentials);
    if (action == QLatin1String("erase"))
        return erase(input, credentials);
    if (action == QLatin1String("list"))
        return list(credentials);
    return readyFuture(failure(
        QStringLiteral("unknown action: %1 (expected store, get, erase, list or version)").arg(action)));
}

} // namespace slipway::credentials

#include "credentials/registrycredential.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace slipway::credentials {

namespace {

constexpr int kBlobVersion = 1;

struct KindName {
    SecretKind kind;
    const char* name;
    const char* label;
};

constexpr KindName kKindNames[] = {
    {SecretKind::Password, "password", "password"},
    {SecretKind::PersonalAccessToken, "token", "personal access token"},
    {SecretKind::IdentityToken, "identity-token", "identity token"},
};

const KindName& kindEntry(SecretKind kind) {
    for (const KindName& entry : kKindNames) {
        if (entry.kind == kind)
            return entry;
    }
    return kKindNames[0];
}

bool hasLineBreak(const QString& text) {
    return text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\r'));
}

} // namespace

QString secretKindName(SecretKind kind) {
    return QString::fromLatin1(kindEntry(kind).name);
}

QString secretKindLabel(SecretKind kind) {
    return QString::fromLatin1(kindEntry(kind).label);
}

std::optional<SecretKind> secretKindFromName(const QString& name) {
    for (const KindName& entry : kKindNames) {
        if (name == QLatin1String(entry.name))
            return entry.kind;
    }
    return std::nullopt;
}

SecretKind guessSecretKind(const QString& secret) {
    for (const char* prefix : {"ghp_", "github_pat_", "dckr_pat_", "glpat-"}) {
        if (secret.startsWith(QLatin1String(prefix)))
            return SecretKind::PersonalAccessToken;
    }
    return SecretKind::Password;
}

CredentialSummary summaryOf(const RegistryCredential& credential) {
    return {credential.registry, credential.username, credential.kind};
}

QByteArray credentialToBlob(const RegistryCredential& credential) {
    const QJsonObject object{
        {QStringLiteral("version"), kBlobVersion},
        {QStringLiteral("registry"), credential.registry},
        {QStringLiteral("username"), credential.username},
        {QStringLiteral("kind"), secretKindName(credential.kind)},
        {QStringLiteral("secret"), credential.secret},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Result<RegistryCredential> credentialFromBlob(const QByteArray& blob) {
    const QJsonObject object = QJsonDocument::fromJson(blob).object();
    const auto kind = secretKindFromName(object.value(QStringLiteral("kind")).toString());
    const QString registry = object.value(QStringLiteral("registry")).toString();
    // The blob holds the secret: a parse error must not quote it.
    if (object.value(QStringLiteral("version")).toInt() != kBlobVersion || !kind || registry.isEmpty())
        return fail(QStringLiteral("credentials.corrupt-entry"),
                    QStringLiteral("A keychain entry of Slipway's is not in the format Slipway writes."),
                    QStringLiteral("Remove the login with `slipway-cli logout REGISTRY` and log in again."));
    return RegistryCredential{registry, object.value(QStringLiteral("username")).toString(),
                              object.value(QStringLiteral("secret")).toString(), *kind};
}

Result<void> validateCredential(const RegistryCredential& credential) {
    if (credential.registry.isEmpty())
        return fail(QStringLiteral("credentials.no-registry"), QStringLiteral("No registry given."),
                    QStringLiteral("Name the registry host, e.g. ghcr.io or docker.io."));
    if (credential.secret.isEmpty())
        return fail(
            QStringLiteral("credentials.no-secret"),
            QStringLiteral("The %1 for %2 is empty.")
                .arg(secretKindLabel(credential.kind), credential.registry),
            QStringLiteral("Paste the %1 the registry gave you.").arg(secretKindLabel(credential.kind)));
    if (credential.username.isEmpty() && credential.kind != SecretKind::IdentityToken)
        return fail(QStringLiteral("credentials.no-username"),
                    QStringLiteral("No username given for %1.").arg(credential.registry),
                    QStringLiteral("Give the username you log in to %1 with.").arg(credential.registry));
    if (credential.username.contains(QLatin1Char(':')) || hasLineBreak(credential.username))
        return fail(QStringLiteral("credentials.bad-username"),
                    QStringLiteral("The username for %1 contains ':' or a line break, which registries "
                                   "cannot accept.")
                        .arg(credential.registry),
                    QStringLiteral("Check that the username was copied on its own."));
    if (hasLineBreak(credential.secret))
        return fail(QStringLiteral("credentials.bad-secret"),
                    QStringLiteral("The %1 for %2 contains a line break.")
                        .arg(secretKindLabel(credential.kind), credential.registry),
                    QStringLiteral("Copy the %1 again as one line.").arg(secretKindLabel(credential.kind)));
    return {};
}

} // namespace slipway::credentials

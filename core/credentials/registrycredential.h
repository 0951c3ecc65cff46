#pragma once

#include "common/error.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace slipway::credentials {

// What the secret is. Registries treat a password and a personal access token the same way on the
// wire (HTTP Basic, or a token request with Basic auth); an identity token is an OAuth refresh token
// that the token endpoint takes as `refresh_token` instead (docker's `identitytoken`).
enum class SecretKind { Password, PersonalAccessToken, IdentityToken };

// "password", "token", "identity-token": the words the CLI and the stored blob use.
QString secretKindName(SecretKind kind);
std::optional<SecretKind> secretKindFromName(const QString& name);
// "password", "personal access token", "identity token": for sentences.
QString secretKindLabel(SecretKind kind);

// One login: the registry key (see registrykey.h), who, the secret and what kind of secret it is.
struct RegistryCredential {
    QString registry;
    QString username;
    QString secret;
    SecretKind kind = SecretKind::Password;

    friend bool operator==(const RegistryCredential&, const RegistryCredential&) = default;
};

// The kind a bare secret most likely is, from the prefixes registries give their tokens (GitHub
// "ghp_"/"github_pat_", Docker Hub "dckr_pat_", GitLab "glpat-"); Password otherwise. For secrets
// that arrive without a kind: docker's `store` action and config.json imports.
SecretKind guessSecretKind(const QString& secret);

// A login without its secret: what lists show.
struct CredentialSummary {
    QString registry;
    QString username;
    SecretKind kind = SecretKind::Password;

    friend bool operator==(const CredentialSummary&, const CredentialSummary&) = default;
};

CredentialSummary summaryOf(const RegistryCredential& credential);

// The keychain value: secret and metadata together as one JSON object, so that they can never
// disagree. {"version":1,"registry":...,"username":...,"kind":...,"secret":...}
QByteArray credentialToBlob(const RegistryCredential& credential);
Result<RegistryCredential> credentialFromBlob(const QByteArray& blob);

// The checks every way in (CLI, wizard, docker helper, import) applies before storing: a registry,
// a secret, a username unless the secret is an identity token, no line breaks (they would break
// HTTP Basic and the helper protocol). Never quotes the secret back.
Result<void> validateCredential(const RegistryCredential& credential);

} // namespace slipway::credentials

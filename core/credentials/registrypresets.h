#pragma once

#include "credentials/registrycredential.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace slipway::credentials {

enum class RegistryProvider {
    GitHub,
    DockerHub,
    AmazonEcr,
    GoogleArtifactRegistry,
    AzureContainerRegistry,
    Quay,
    Other
};

// What the credential wizard tells the user about one kind of registry: where the host comes from,
// what username to use, what secret to create where, and how long it lasts. Data only.
struct RegistryPreset {
    RegistryProvider provider = RegistryProvider::Other;
    QString id;   // "ghcr", "dockerhub", "ecr", "gar", "acr", "quay", "other"
    QString name; // "GitHub Container Registry"
    // The one host, for registries that have one ("ghcr.io"); empty when it is per account/region.
    QString fixedHost;
    // Matches every registry key (registrykey.h) of this provider; empty for "other".
    QString hostPattern;
    QString hostExample; // "123456789012.dkr.ecr.eu-west-1.amazonaws.com"
    // Usernames the registry requires regardless of who logs in ("AWS", "oauth2accesstoken", ...);
    // empty when it is the user's own name.
    QStringList fixedUsernames;
    QString usernameHint;
    QList<SecretKind> kinds;        // what the secret may be; the first is the default
    QString secretHint;             // what to create, with which scopes
    QString createSecretUrl;        // where to create it; empty when it comes from a command
    QString createSecretCommand;    // e.g. "aws ecr get-login-password --region REGION"
    std::optional<int> expiryHours; // when the secret always expires after a fixed time
    QString expiryNote;
};

// Every preset, "other" last.
const QList<RegistryPreset>& registryPresets();
// The preset whose host pattern matches `registry` (a registry key); "other" when none does.
const RegistryPreset& presetForRegistry(const QString& registry);
const RegistryPreset& presetForProvider(RegistryProvider provider);

} // namespace slipway::credentials

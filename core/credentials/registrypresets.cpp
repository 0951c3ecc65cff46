#include "credentials/registrypresets.h"

#include <QRegularExpression>

namespace slipway::credentials {

namespace {

QList<RegistryPreset> makePresets() {
    using enum SecretKind;
    QList<RegistryPreset> presets;
    presets.append(
        {RegistryProvider::GitHub,
         QStringLiteral("ghcr"),
         QStringLiteral("GitHub Container Registry"),
         QStringLiteral("ghcr.io"),
         QStringLiteral("^ghcr\\.io$"),
         QStringLiteral("ghcr.io"),
         {},
         QStringLiteral("Your GitHub username."),
         {PersonalAccessToken},
         QStringLiteral("A personal access token (classic) with the write:packages scope (it includes "
                        "read:packages). GitHub Packages does not accept fine-grained tokens."),
         QStringLiteral("https://github.com/settings/tokens/new?scopes=write:packages"),
         {},
         std::nullopt,
         QStringLiteral("Expires when you chose at creation (or never). Packages first pushed from your "
                        "machine are private until you change their visibility on GitHub.")});
    presets.append(
        {RegistryProvider::DockerHub,
         QStringLiteral("dockerhub"),
         QStringLiteral("Docker Hub"),
         QStringLiteral("docker.io"),
         QStringLiteral("^docker\\.io$"),
         QStringLiteral("docker.io"),
         {},
         QStringLiteral("Your Docker ID (not your e-mail address)."),
         {PersonalAccessToken, Password},
         QStringLiteral("A personal access token with Read & Write access (recommended over your "
                        "password, and required when two-factor authentication is on)."),
         QStringLiteral("https://app.docker.com/settings/personal-access-tokens"),
         {},
         std::nullopt,
         QStringLiteral("Tokens last until the expiry you chose. Anonymous pulls are rate-limited.")});
    presets.append(
        {RegistryProvider::AmazonEcr,
         QStringLiteral("ecr"),
         QStringLiteral("Amazon ECR"),
         {},
         QStringLiteral(
             "^[0-9]{12}\\.dkr\\.ecr(-fips)?\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?$|^public\\.ecr\\.aws$"),
         QStringLiteral("123456789012.dkr.ecr.eu-west-1.amazonaws.com"),
         {QStringLiteral("AWS")},
         QStringLiteral("Always AWS."),
         {Password},
         QStringLiteral(
             "The password `aws ecr get-login-password` prints for the registry's region (IAM decides "
             "what it may push and pull)."),
         {},
         QStringLiteral("aws ecr get-login-password --region REGION"),
         12,
         QStringLiteral("ECR passwords expire after 12 hours: store a fresh one before pushing again.")});
    presets.append(
        {RegistryProvider::GoogleArtifactRegistry,
         QStringLiteral("gar"),
         QStringLiteral("Google Artifact Registry"),
         {},
         QStringLiteral("^[a-z0-9-]+-docker\\.pkg\\.dev$"),
         QStringLiteral("europe-west4-docker.pkg.dev"),
         {QStringLiteral("oauth2accesstoken"), QStringLiteral("_json_key"),
          QStringLiteral("_json_key_base64")},
         QStringLiteral("oauth2accesstoken with an access token, or _json_key with a service account's "
                        "JSON key (_json_key_base64 with it base64-encoded)."),
         {Password},
         QStringLiteral("An access token from `gcloud auth print-access-token`, or a service account key "
                        "(JSON) with the Artifact Registry Writer role."),
         QStringLiteral("https://console.cloud.google.com/iam-admin/serviceaccounts"),
         QStringLiteral("gcloud auth print-access-token"),
         1,
         QStringLiteral("Access tokens last about an hour; service account keys until revoked.")});
    presets.append(
        {RegistryProvider::AzureContainerRegistry,
         QStringLiteral("acr"),
         QStringLiteral("Azure Container Registry"),
         {},
         QStringLiteral("^[a-z0-9]+\\.azurecr\\.(io|cn|us)$"),
         QStringLiteral("myregistry.azurecr.io"),
         {QStringLiteral("00000000-0000-0000-0000-000000000000")},
         QStringLiteral("A repository-scoped token's name, a service principal's application (client) "
                        "ID, the admin user, or 00000000-0000-0000-0000-000000000000 with a token from "
                        "`az acr login --expose-token`."),
         {PersonalAccessToken, Password},
         QStringLiteral("A repository-scoped token's password (push and pull on the repository), or a "
                        "service principal's secret with the AcrPush role."),
         QStringLiteral("https://portal.azure.com/#browse/Microsoft.ContainerRegistry%2Fregistries"),
         QStringLiteral("az acr login --name REGISTRY --expose-token"),
         std::nullopt,
         QStringLiteral("Tokens from `az acr login --expose-token` last 3 hours; repository tokens and "
                        "service principal secrets until their expiry date.")});
    presets.append({RegistryProvider::Quay,
                    QStringLiteral("quay"),
                    QStringLiteral("Quay.io"),
                    QStringLiteral("quay.io"),
                    QStringLiteral("^quay\\.io$"),
                    QStringLiteral("quay.io"),
                    {},
                    QStringLiteral("Your Quay username, or a robot account as org+robotname."),
                    {PersonalAccessToken, Password},
                    QStringLiteral("A robot account's token with write permission on the repository (or an "
                                   "encrypted password from your account settings)."),
                    QStringLiteral("https://quay.io/organization/"),
                    {},
                    std::nullopt,
                    QStringLiteral("Robot tokens last until regenerated.")});
    presets.append({RegistryProvider::Other,
                    QStringLiteral("other"),
                    QStringLiteral("Other registry"),
                    {},
                    {},
                    QStringLiteral("registry.example.com:5000"),
                    {},
                    QStringLiteral("The username the registry gave you."),
                    {Password, PersonalAccessToken, IdentityToken},
                    QStringLiteral("The password or token the registry gave you."),
                    {},
                    {},
                    std::nullopt,
                    {}});
    return presets;
}

} // namespace

const QList<RegistryPreset>& registryPresets() {
    static const QList<RegistryPreset> presets = makePresets();
    return presets;
}

const RegistryPreset& presetForProvider(RegistryProvider provider) {
    for (const RegistryPreset& preset : registryPresets()) {
        if (preset.provider == provider)
            return preset;
    }
    return registryPresets().constLast();
}

const RegistryPreset& presetForRegistry(const QString& registry) {
    for (const RegistryPreset& preset : registryPresets()) {
        if (!preset.hostPattern.isEmpty() &&
            QRegularExpression(preset.hostPattern).match(registry).hasMatch())
            return preset;
    }
    return presetForProvider(RegistryProvider::Other);
}

} // namespace slipway::credentials

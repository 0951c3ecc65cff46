#include "credentials/hosttemplate.h"

namespace slipway::ui {

using credentials::RegistryProvider;

QList<HostPart> hostParts(RegistryProvider provider) {
    switch (provider) {
    case RegistryProvider::AmazonEcr:
        return {
            {QStringLiteral("account"), QStringLiteral("AWS account ID:"), QStringLiteral("123456789012")},
            {QStringLiteral("region"), QStringLiteral("Region:"), QStringLiteral("eu-west-1")}};
    case RegistryProvider::GoogleArtifactRegistry:
        return {{QStringLiteral("location"), QStringLiteral("Location:"), QStringLiteral("europe-west4")},
                {QStringLiteral("project"), QStringLiteral("Project ID:"), QStringLiteral("my-project")}};
    case RegistryProvider::AzureContainerRegistry:
        return {{QStringLiteral("name"), QStringLiteral("Registry name:"), QStringLiteral("myregistry")}};
    default:
        return {};
    }
}

QString composeHost(RegistryProvider provider, const QMap<QString, QString>& values) {
    const auto value = [&values](const char* key) {
        return values.value(QLatin1String(key)).trimmed().toLower();
    };
    switch (provider) {
    case RegistryProvider::AmazonEcr:
        if (value("account").isEmpty() || value("region").isEmpty())
            return {};
        return QStringLiteral("%1.dkr.ecr.%2.amazonaws.com").arg(value("account"), value("region"));
    case RegistryProvider::GoogleArtifactRegistry:
        return value("location").isEmpty() ? QString()
                                           : value("location") + QStringLiteral("-docker.pkg.dev");
    case RegistryProvider::AzureContainerRegistry:
        return value("name").isEmpty() ? QString() : value("name") + QStringLiteral(".azurecr.io");
    default:
        return {};
    }
}

QString repositoryPrefix(RegistryProvider provider, const QMap<QString, QString>& values) {
    const QString project = values.value(QStringLiteral("project")).trimmed();
    if (provider == RegistryProvider::GoogleArtifactRegistry && !project.isEmpty())
        return project + QLatin1Char('/');
    return {};
}

QString commandFor(const credentials::RegistryPreset& preset, const QMap<QString, QString>& values) {
    QString command = preset.createSecretCommand;
    const QString region = values.value(QStringLiteral("region")).trimmed();
    const QString name = values.value(QStringLiteral("name")).trimmed();
    if (!region.isEmpty())
        command.replace(QStringLiteral("REGION"), region);
    if (!name.isEmpty())
        command.replace(QStringLiteral("REGISTRY"), name);
    return command;
}

} // namespace slipway::ui

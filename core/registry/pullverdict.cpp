#include "registry/pullverdict.h"

#include <QUrl>

namespace slipway::registry {

namespace {

QString platformList(const QList<Platform>& platforms) {
    QStringList names;
    for (const Platform& platform : platforms)
        names.append(platform.toString());
    return names.join(QStringLiteral(", "));
}

QString pullSecretHint(const ImageReference& reference) {
    return QStringLiteral("create a pull secret the cluster uses (kubectl create secret docker-registry "
                          "NAME --docker-server=%1 --docker-username=USER --docker-password=TOKEN, "
                          "then list it under imagePullSecrets of the pod or its service account)")
        .arg(reference.isDockerHub() ? QStringLiteral("https://index.docker.io/v1/") : reference.registry);
}

// How to make the repository pullable without credentials, per registry.
QString makePublicHint(const ImageReference& reference) {
    const QString repository = reference.repository;
    switch (registryKind(reference.registry)) {
    case RegistryKind::Ghcr: {
        const auto [userUrl, orgUrl] = ghcrSettingsUrls(reference);
        return QStringLiteral("make the package public: open %1 (for an organisation's package: %2), "
                              "Danger Zone -> Change visibility -> Public. Careful: once public, a GHCR "
                              "package can never be made private again")
            .arg(userUrl, orgUrl);
    }
    case RegistryKind::DockerHub:
        return QStringLiteral("make the repository public on Docker Hub: "
                              "https://hub.docker.com/repository/docker/%1/settings -> Visibility settings "
                              "-> Make public")
            .arg(repository);
    case RegistryKind::Ecr:
        return QStringLiteral("private ECR has no anonymous pulls: let the nodes' IAM role pull it "
                              "(ecr:BatchGetImage and ecr:GetDownloadUrlForLayer in the repository policy "
                              "of %1), or use ECR Public")
            .arg(repository);
    case RegistryKind::EcrPublic:
        return QStringLiteral("check the repository's alias and name in the ECR Public gallery");
    case RegistryKind::Gar:
        return QStringLiteral(
            "make the Artifact Registry repository public by granting allUsers the "
            "Artifact Registry Reader role (gcloud artifacts repositories "
            "add-iam-policy-binding ... --member=allUsers --role=roles/artifactregistry.reader), "
            "or grant that role to the nodes' service account");
    case RegistryKind::Acr:
        return QStringLiteral("enable anonymous pull on the registry (Standard or Premium tier: az acr "
                              "update --name %1 --anonymous-pull-enabled), or attach the registry to the "
                              "cluster (az aks update --attach-acr)")
            .arg(reference.registry.section(QLatin1Char('.'), 0, 0));
    case RegistryKind::Quay:
        return QStringLiteral(
                   "make the repository public in Quay (https://quay.io/repository/%1?tab=settings "
                   "-> Repository visibility), or give the cluster a robot account with read "
                   "permission")
            .arg(repository);
    case RegistryKind::Other:
        break;
    }
    return QStringLiteral("make the repository public in the registry's settings");
}

QString renewHint(const ImageReference& reference) {
    switch (registryKind(reference.registry)) {
    case RegistryKind::Ecr:
        return QStringLiteral(" ECR passwords from 'aws ecr get-login-password' expire after 12 hours; a "
                              "kubelet credential provider avoids renewing them by hand.");
    case RegistryKind::Gar:
        return QStringLiteral(" Access tokens for 'oauth2accesstoken' expire after about an hour; use a "
                              "_json_key service-account key for a cluster secret.");
    case RegistryKind::Ghcr:
        return QStringLiteral(" GHCR needs a classic personal access token with read:packages.");
    default:
        return {};
    }
}

} // namespace

QString verdictName(PullVerdict verdict) {
    switch (verdict) {
    case PullVerdict::Public:
        return QStringLiteral("public");
    case PullVerdict::PrivateCredentialsWork:
        return QStringLiteral("private-credentials-work");
    case PullVerdict::PrivateNoAccess:
        return QStringLiteral("private-no-access");
    case PullVerdict::MissingTag:
        return QStringLiteral("missing-tag");
    case PullVerdict::MissingRepository:
        return QStringLiteral("missing-repository");
    case PullVerdict::PlatformMismatch:
        return QStringLiteral("platform-mismatch");
    case PullVerdict::WrongArchitecture:
        return QStringLiteral("wrong-architecture");
    case PullVerdict::RateLimited:
        return QStringLiteral("rate-limited");
    case PullVerdict::Unreachable:
        return QStringLiteral("unreachable");
    }
    return {};
}

bool clusterCanPull(PullVerdict verdict) {
    return verdict == PullVerdict::Public || verdict == PullVerdict::PrivateCredentialsWork;
}

RegistryKind registryKind(const QString& registry) {
    const QString host = normaliseRegistryHost(registry).section(QLatin1Char(':'), 0, 0);
    if (host == QLatin1String("docker.io"))
        return RegistryKind::DockerHub;
    if (host == QLatin1String("ghcr.io"))
        return RegistryKind::Ghcr;
    if (host == QLatin1String("public.ecr.aws"))
        return RegistryKind::EcrPublic;
    if (host.endsWith(QLatin1String(".amazonaws.com")) && host.contains(QLatin1String(".dkr.ecr.")))
        return RegistryKind::Ecr;
    if (host.endsWith(QLatin1String("-docker.pkg.dev")) || host == QLatin1String("gcr.io") ||
        host.endsWith(QLatin1String(".gcr.io")))
        return RegistryKind::Gar;
    if (host.endsWith(QLatin1String(".azurecr.io")))
        return RegistryKind::Acr;
    if (host == QLatin1String("quay.io"))
        return RegistryKind::Quay;
    return RegistryKind::Other;
}

std::pair<QString, QString> ghcrSettingsUrls(const ImageReference& reference) {
    const QString owner = reference.repository.section(QLatin1Char('/'), 0, 0);
    // Nested package names are one path segment in GitHub's URLs, with '/' encoded.
    const QString name =
        QString::fromLatin1(QUrl::toPercentEncoding(reference.repository.section(QLatin1Char('/'), 1)));
    const QString tail = QStringLiteral("/packages/container/%1/settings").arg(name);
    return {QStringLiteral("https://github.com/users/") + owner + tail,
            QStringLiteral("https://github.com/orgs/") + owner + tail};
}

QString pullFix(PullVerdict verdict, const FixContext& context) {
    const ImageReference& reference = context.reference;
    switch (verdict) {
    case PullVerdict::Public:
    case PullVerdict::PrivateCredentialsWork:
        return {};
    case PullVerdict::PrivateNoAccess:
        if (context.credentialsTried && context.anonymousWorks)
            return QStringLiteral("The image is public, but Kubernetes uses the cluster's credentials for %1 "
                                  "when it has some and does not fall back to anonymous pulls: remove that "
                                  "pull secret, or renew it.%2")
                .arg(reference.registry, renewHint(reference));
        if (context.credentialsTried)
            return QStringLiteral(
                       "Give the account '%1' read access to %2, or put credentials that have it "
                       "into the cluster's pull secret (and check they have not expired).%3 Or %4.")
                .arg(context.username, reference.repository, renewHint(reference), makePublicHint(reference));
        return QStringLiteral("Either %1, or %2. If the repository does not exist yet, push the image first "
                              "(without access a private repository and a missing one look the same).")
            .arg(makePublicHint(reference), pullSecretHint(reference));
    case PullVerdict::MissingTag:
        return QStringLiteral("Push the image with this %1 first, or correct the %1 in the workflow.")
            .arg(reference.digest.isEmpty() ? QStringLiteral("tag") : QStringLiteral("digest"));
    case PullVerdict::MissingRepository:
        return QStringLiteral("Check the repository name '%1' for typos, or push the image first.")
            .arg(reference.repository);
    case PullVerdict::PlatformMismatch:
        return QStringLiteral("Rebuild for the cluster: add %1 to the ImageSpec's platform (docker buildx "
                              "build --platform %1) and push again. The image has %2.")
            .arg(platformList(context.clusterPlatforms), platformList(context.imagePlatforms));
    case PullVerdict::WrongArchitecture:
        return QStringLiteral("The image is built for %1 only; nodes of %2 would pull it and then fail with "
                              "'exec format error'. Rebuild with --platform %2 (a Mac with Apple silicon "
                              "builds linux/arm64 unless told otherwise) and push again.")
            .arg(platformList(context.imagePlatforms), platformList(context.clusterPlatforms));
    case PullVerdict::RateLimited:
        return reference.isDockerHub()
                   ? QStringLiteral(
                         "Wait for the limit to reset. For the cluster, pull with credentials (a "
                         "pull secret of a Docker Hub account has a higher limit, paid plans none) or "
                         "through a registry mirror.")
                   : QStringLiteral(
                         "Wait for the limit to reset, or pull with credentials; ask the registry's "
                         "operator about the limits.");
    case PullVerdict::Unreachable:
        return QStringLiteral("Check the registry address, your network, and that the registry is up.");
    }
    return {};
}

} // namespace slipway::registry

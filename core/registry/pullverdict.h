#pragma once

#include "registry/imagereference.h"
#include "registry/platform.h"

#include <QList>
#include <QString>
#include <optional>

namespace slipway::registry {

// What a pull check concluded about whether the cluster can pull an image.
enum class PullVerdict {
    Public,                 // anonymous pulls work (and the cluster's credentials, if any, too)
    PrivateCredentialsWork, // not anonymous, but the cluster's credentials can pull it
    PrivateNoAccess, // the cluster cannot pull: private (or, anonymously, maybe missing), or its credentials
                     // fail
    MissingTag,      // the repository is there, the tag or digest is not
    MissingRepository, // the registry says the repository does not exist
    PlatformMismatch,  // an index without an entry for a cluster platform ("no match for platform in
                       // manifest")
    WrongArchitecture, // a single-platform image for another platform: pulls, then "exec format error"
    RateLimited,       // HTTP 429
    Unreachable,       // no answer: network, DNS, TLS, a broken registry
};

// "public", "private-credentials-work", "private-no-access", "missing-tag", "missing-repository",
// "platform-mismatch", "wrong-architecture", "rate-limited", "unreachable".
QString verdictName(PullVerdict verdict);
// True for the verdicts that mean a pod on the cluster will get the image.
bool clusterCanPull(PullVerdict verdict);

// The registries whose settings the fix texts name.
enum class RegistryKind { DockerHub, Ghcr, Ecr, EcrPublic, Gar, Acr, Quay, Other };
RegistryKind registryKind(const QString& registry);

// Everything the fix text depends on besides the verdict.
struct FixContext {
    ImageReference reference;
    bool credentialsTried = false; // the cluster's credentials were probed
    bool anonymousWorks = false;   // anonymous pulls succeed (stale credentials then break them)
    QString username;              // the cluster credentials' user, for messages
    QList<Platform> clusterPlatforms;
    QList<Platform> imagePlatforms;
};

// What to do about a verdict, specific to the registry: GHCR's package settings page (and that public
// cannot be undone), Docker Hub's visibility setting, ECR's repository policy, Quay/GAR/ACR settings,
// and an imagePullSecret everywhere. Empty for verdicts that need nothing.
QString pullFix(PullVerdict verdict, const FixContext& context);

// GHCR's package settings page for a user-owned and an org-owned package (the owner kind cannot be
// told from the reference): https://github.com/users/<owner>/packages/container/<name>/settings.
std::pair<QString, QString> ghcrSettingsUrls(const ImageReference& reference);

} // namespace slipway::registry

#pragma once

#include "common/error.h"
#include "registry/imagereference.h"
#include "registry/manifestfetch.h"
#include "registry/platform.h"
#include "registry/pullverdict.h"
#include "registry/registrycredentials.h"
#include "registry/registryerror.h"

#include <QObject>
#include <functional>
#include <optional>

namespace slipway::registry {

class RegistryClient;

struct PullCheckRequest {
    ImageReference reference;
    // The cluster nodes' platforms; empty means linux/amd64.
    QList<Platform> clusterPlatforms;
    // The credentials the cluster has for this registry (from its pull secret); none by default.
    std::optional<RegistryCredentials> clusterCredentials;
};

struct PullCheckResult {
    PullVerdict verdict = PullVerdict::Unreachable;
    ImageReference reference;
    QString message;                     // what was found, in a sentence or two
    QString fix;                         // what to do, registry-specific; empty when the cluster can pull
    QString detail;                      // the registry's own words, when it said something
    QString digest;                      // the manifest (or index) digest to pin, when the image was found
    QList<Platform> imagePlatforms;      // index entries (attestations skipped) or the config's platform
    QList<Platform> clusterPlatforms;    // what was checked against
    bool anonymousPull = false;          // the anonymous probe succeeded
    std::optional<bool> credentialsPull; // the probe with the cluster's credentials; none: not made
    RateLimit rateLimit;
    int requests = 0; // HTTP requests this check made

    // reference@digest, the form to give the cluster; empty without a digest.
    QString pinnedReference() const { return digest.isEmpty() ? QString() : reference.pinned(digest); }
    friend bool operator==(const PullCheckResult&, const PullCheckResult&) = default;
};

// Will the cluster be able to pull this image? docker-registry.md §3.10:
// 1. anonymous probe of the manifest;
// 2. with the cluster's credentials, when it has some — also when anonymous works, because
//    Kubernetes does not fall back to anonymous when its credentials fail (stale GHCR tokens);
//    the anonymous probe is then a HEAD (not counted by Docker Hub's rate limit), the last probe a
//    GET, so the manifest that decides is fetched once;
// 3. the platforms from that manifest: an index must have an entry for every cluster
//    platform (containerd's matching, attestations skipped); a single-platform manifest's config blob
//    must name a platform the nodes run (else the pod pulls and dies with "exec format error");
// 4. the digest to pin.
// Missing tag vs missing repository: registries say MANIFEST_UNKNOWN vs NAME_UNKNOWN, but only to
// callers who may read the repository. A token server that refuses anonymous tokens (GHCR) or a
// registry that answers 401 (Docker Hub) for private and for non-existent repositories alike gives
// an anonymous checker no way to tell them apart: that is reported as private-no-access, with a
// message and fix that say it may also not exist. With credentials that can read the namespace, the
// registry's 404 code decides; where it says MANIFEST_UNKNOWN for both (docker-registry 2.x), one
// request for the repository's tag list tells them apart.
class PullCheckJob : public QObject {
    Q_OBJECT

public:
    PullCheckJob(RegistryClient& client, PullCheckRequest request, QObject* parent = nullptr);

    void start();
    // Stops the request in flight; finished() reports an error with errorcode::kCancelled.
    void cancel();

Q_SIGNALS:
    // "Asking anonymously", "Checking platforms", ... for a status line.
    void progress(const QString& step);
    // Exactly once. An error only when cancelled; every registry outcome is a verdict.
    void finished(const slipway::Result<slipway::registry::PullCheckResult>& result);

private:
    void probe(bool withCredentials);
    void onProbe(const Result<ManifestResponse>& response, bool withCredentials);
    // After MANIFEST_UNKNOWN: docker-registry (distribution 2.x) says so for a missing repository as
    // well, so the tag list (NAME_UNKNOWN, or the tags that do exist) decides.
    void checkTags(bool withCredentials, const Error& manifestError);
    void checkPlatforms();
    void onManifest(const Result<ManifestResponse>& response);
    void onConfig(const QString& digest, const Result<QByteArray>& config);
    void onImagePlatform(const Platform& imagePlatform);
    void conclude(PullVerdict verdict, const QString& message, const QString& detail = {});
    // A failed fetch after the probes: its verdict (unreachable, rate-limited, ...) and message.
    void concludeWithError(const Error& error);
    // The image is there and runs on the cluster: public, or pullable with the cluster's credentials.
    void concludeAvailable();
    // The verdict for a failed probe or fetch that is not about access.
    std::optional<PullVerdict> verdictForError(const Error& error) const;
    std::optional<RegistryCredentials> workingCredentials() const;

    RegistryClient& m_client;
    PullCheckRequest m_request;
    PullCheckResult m_result;
    int m_requestsAtStart = 0;
    std::function<void()> m_cancelCurrent;
    std::optional<Error> m_anonymousError;
    std::optional<ManifestResponse> m_probed; // the manifest a GET probe fetched
    bool m_done = false;
};

} // namespace slipway::registry

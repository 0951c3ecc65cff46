#include "registry/pullcheckjob.h"

#include "registry/blobfetch.h"
#include "registry/registrycall.h"
#include "registry/registryclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <utility>

namespace slipway::registry {

namespace {

bool isAccessError(const QString& code) {
    return code == errorcode::kUnauthorized || code == errorcode::kDenied || code == errorcode::kTokenRefused;
}

QString platformNames(const QList<Platform>& platforms) {
    QStringList names;
    for (const Platform& platform : platforms)
        names.append(platform.toString());
    return names.join(QStringLiteral(", "));
}

} // namespace

PullCheckJob::PullCheckJob(RegistryClient& client, PullCheckRequest request, QObject* parent)
    : QObject(parent), m_client(client), m_request(std::move(request)) {
    if (m_request.clusterPlatforms.isEmpty())
        m_request.clusterPlatforms.append(Platform{QStringLiteral("linux"), QStringLiteral("amd64"), {}});
    m_result.reference = m_request.reference;
    m_result.clusterPlatforms = m_request.clusterPlatforms;
}

void PullCheckJob::start() {
    m_requestsAtStart = m_client.requestCount();
    probe(false);
}

void PullCheckJob::cancel() {
    if (m_done)
        return;
    // Taken out first: the request reports synchronously, and its handler resets m_cancelCurrent.
    if (const auto cancelCurrent = std::exchange(m_cancelCurrent, nullptr))
        cancelCurrent();
    m_done = true;
    Q_EMIT finished(fail(errorcode::kCancelled, QStringLiteral("The pull check was cancelled.")));
}

void PullCheckJob::probe(bool withCredentials) {
    Q_EMIT progress(
        withCredentials
            ? QStringLiteral("Asking %1 with the cluster's credentials").arg(m_request.reference.registry)
            : QStringLiteral("Asking %1 anonymously").arg(m_request.reference.registry));
    // The probe that decides is a GET: its manifest is what the platform check reads, so a pullable
    // image costs no second manifest request (and Docker Hub counts one pull, as before). Only the
    // anonymous probe ahead of a credentials probe stays a HEAD.
    const bool decides = withCredentials || !m_request.clusterCredentials.has_value();
    auto* fetch = m_client.fetchManifest(m_request.reference, !decides,
                                         withCredentials ? m_request.clusterCredentials : std::nullopt, this);
    m_cancelCurrent = [fetch] { fetch->cancel(); };
    connect(fetch, &ManifestFetch::finished, this,
            [this, fetch, withCredentials](const Result<ManifestResponse>& response) {
                fetch->deleteLater();
                m_cancelCurrent = nullptr;
                if (fetch->rateLimit().known())
                    m_result.rateLimit = fetch->rateLimit();
                onProbe(response, withCredentials);
            });
    fetch->start();
}

std::optional<PullVerdict> PullCheckJob::verdictForError(const Error& error) const {
    if (error.code == errorcode::kTooManyRequests)
        return PullVerdict::RateLimited;
    if (error.code == errorcode::kManifestUnknown || error.code == errorcode::kNotFound)
        return PullVerdict::MissingTag;
    if (error.code == errorcode::kNameUnknown)
        return PullVerdict::MissingRepository;
    if (isAccessError(error.code))
        return std::nullopt;
    return PullVerdict::Unreachable; // network, TLS, 5xx, nonsense answers
}

void PullCheckJob::onProbe(const Result<ManifestResponse>& response, bool withCredentials) {
    if (m_done)
        return;
    const bool haveCredentials = m_request.clusterCredentials.has_value();
    if (response) {
        m_result.digest = response->digest;
        if (response->manifest)
            m_probed = *response;
        if (withCredentials) {
            m_result.credentialsPull = true;
            return checkPlatforms();
        }
        m_result.anonymousPull = true;
        return haveCredentials ? probe(true) : checkPlatforms();
    }
    const Error& error = response.error();
    if (error.code == errorcode::kCancelled)
        return;
    if (const auto verdict = verdictForError(error)) {
        if (*verdict == PullVerdict::MissingTag)
            return checkTags(withCredentials, error);
        if (*verdict == PullVerdict::Unreachable)
            m_result.fix = error.fix; // network and TLS errors know their fix best
        return conclude(*verdict, error.message, error.detail);
    }
    // Access refused.
    if (!withCredentials) {
        m_anonymousError = error;
        if (haveCredentials)
            return probe(true);
        return conclude(
            PullVerdict::PrivateNoAccess,
            QStringLiteral("%1 does not allow anonymous pulls of %2, and the cluster has no credentials "
                           "for it: the repository is private, or does not exist.")
                .arg(m_request.reference.registry, m_request.reference.toString()),
            error.detail.isEmpty() ? error.message : error.detail);
    }
    m_result.credentialsPull = false;
    const QString user = m_request.clusterCredentials->username;
    const QString message =
        m_result.anonymousPull
            ? QStringLiteral(
                  "Anonymous pulls of %1 work, but the cluster's credentials (user '%2') are refused, "
                  "and Kubernetes will not fall back to anonymous.")
                  .arg(m_request.reference.toString(), user)
        : error.code == errorcode::kDenied || error.message.contains(QLatin1String("DENIED"))
            ? QStringLiteral("The cluster's credentials (user '%1') are valid but may not pull %2.")
                  .arg(user, m_request.reference.toString())
            : QStringLiteral("%1 refuses the cluster's credentials (user '%2') for %3.")
                  .arg(m_request.reference.registry, user, m_request.reference.toString());
    conclude(PullVerdict::PrivateNoAccess, message, error.message);
}

void PullCheckJob::checkTags(bool withCredentials, const Error& manifestError) {
    RegistryCall::Spec spec;
    spec.registry = m_request.reference.registry;
    spec.repository = m_request.reference.repository;
    spec.credentials = withCredentials ? m_request.clusterCredentials : std::nullopt;
    spec.path = QStringLiteral("/v2/%1/tags/list?n=10").arg(m_request.reference.repository);
    auto* call = new RegistryCall(m_client, std::move(spec), this);
    m_cancelCurrent = [call] { call->cancel(); };
    connect(call, &RegistryCall::finished, this,
            [this, call, manifestError](const Result<HttpAnswer>& answer) {
                call->deleteLater();
                m_cancelCurrent = nullptr;
                if (m_done)
                    return;
                const QString reference = m_request.reference.toString();
                if (answer && answer->status == 404)
                    return conclude(PullVerdict::MissingRepository,
                                    QStringLiteral("The repository %1 does not exist on %2.")
                                        .arg(m_request.reference.repository, m_request.reference.registry),
                                    registryReason(*answer));
                QString message = QStringLiteral("The repository exists, but %1 does not.").arg(reference);
                if (answer && answer->ok()) {
                    QStringList tags;
                    for (const QJsonValue& tag :
                         QJsonDocument::fromJson(answer->body)[QStringLiteral("tags")].toArray())
                        tags.append(tag.toString());
                    if (!tags.isEmpty())
                        message +=
                            QStringLiteral(" Tags there include: %1.").arg(tags.join(QStringLiteral(", ")));
                }
                conclude(PullVerdict::MissingTag, message, manifestError.detail);
            });
    call->start();
}

std::optional<RegistryCredentials> PullCheckJob::workingCredentials() const {
    return m_result.credentialsPull.value_or(false) ? m_request.clusterCredentials : std::nullopt;
}

void PullCheckJob::checkPlatforms() {
    Q_EMIT progress(QStringLiteral("Checking platforms"));
    if (m_probed)
        return onManifest(*m_probed);
    ImageReference byDigest = m_request.reference;
    if (!m_result.digest.isEmpty())
        byDigest.digest = m_result.digest; // the manifest just probed, even if the tag moves meanwhile
    auto* fetch = m_client.fetchManifest(byDigest, false, workingCredentials(), this);
    m_cancelCurrent = [fetch] { fetch->cancel(); };
    connect(fetch, &ManifestFetch::finished, this, [this, fetch](const Result<ManifestResponse>& response) {
        fetch->deleteLater();
        m_cancelCurrent = nullptr;
        onManifest(response);
    });
    fetch->start();
}

void PullCheckJob::onManifest(const Result<ManifestResponse>& response) {
    if (m_done)
        return;
    if (!response)
        return concludeWithError(response.error());
    m_result.digest = response->digest;
    const Manifest& manifest = *response->manifest;
    if (!manifest.isIndex) {
        // A config read before (same digest, same bytes) has the same platform.
        ConfigPlatformStore* known = m_client.configPlatforms();
        if (const auto platform = known ? known->find(manifest.config.digest) : std::nullopt)
            return onImagePlatform(*platform);
        Q_EMIT progress(QStringLiteral("Reading the image's configuration"));
        auto* fetch = m_client.fetchBlob(m_request.reference, manifest.config.digest, workingCredentials(),
                                         4 * 1024 * 1024, this);
        m_cancelCurrent = [fetch] { fetch->cancel(); };
        connect(fetch, &BlobFetch::finished, this,
                [this, fetch, digest = manifest.config.digest](const Result<QByteArray>& config) {
                    fetch->deleteLater();
                    m_cancelCurrent = nullptr;
                    onConfig(digest, config);
                });
        return fetch->start();
    }
    QList<Platform> missing;
    for (const Descriptor& entry : manifest.imageEntries()) {
        if (entry.platform)
            m_result.imagePlatforms.append(*entry.platform);
    }
    for (const Platform& node : m_request.clusterPlatforms) {
        const bool matched = std::ranges::any_of(manifest.imageEntries(), [&node](const Descriptor& entry) {
            return !entry.platform || runsOn(*entry.platform, node);
        });
        if (!matched)
            missing.append(node);
    }
    if (!missing.isEmpty())
        return conclude(
            PullVerdict::PlatformMismatch,
            QStringLiteral("%1 has images for %2 but none for %3; the cluster would fail with \"no "
                           "match for platform in manifest\".")
                .arg(m_request.reference.toString(), platformNames(m_result.imagePlatforms),
                     platformNames(missing)));
    concludeAvailable();
}

void PullCheckJob::onConfig(const QString& digest, const Result<QByteArray>& config) {
    if (m_done)
        return;
    if (!config)
        return concludeWithError(config.error());
    const QJsonObject object = QJsonDocument::fromJson(*config).object();
    const Platform imagePlatform =
        Platform::fromFields(object.value(QStringLiteral("os")).toString(),
                             object.value(QStringLiteral("architecture")).toString(),
                             object.value(QStringLiteral("variant")).toString());
    if (ConfigPlatformStore* known = m_client.configPlatforms())
        known->insert(digest, imagePlatform); // BlobFetch verified the bytes against the digest
    onImagePlatform(imagePlatform);
}

void PullCheckJob::onImagePlatform(const Platform& imagePlatform) {
    m_result.imagePlatforms = {imagePlatform};
    QList<Platform> failing;
    for (const Platform& node : m_request.clusterPlatforms) {
        if (!runsOn(imagePlatform, node))
            failing.append(node);
    }
    if (!failing.isEmpty())
        return conclude(
            PullVerdict::WrongArchitecture,
            QStringLiteral("%1 is a single-platform image for %2; nodes of %3 would pull it and then "
                           "fail with \"exec format error\".")
                .arg(m_request.reference.toString(), imagePlatform.toString(), platformNames(failing)));
    concludeAvailable();
}

void PullCheckJob::concludeWithError(const Error& error) {
    if (error.code == errorcode::kCancelled)
        return;
    m_result.fix = error.fix; // kept for unreachable: network and TLS errors know their fix best
    conclude(verdictForError(error).value_or(PullVerdict::Unreachable), error.message, error.detail);
}

void PullCheckJob::concludeAvailable() {
    const bool anonymousIsEnough = m_result.anonymousPull && m_result.credentialsPull.value_or(true);
    conclude(anonymousIsEnough ? PullVerdict::Public : PullVerdict::PrivateCredentialsWork, {});
}

void PullCheckJob::conclude(PullVerdict verdict, const QString& message, const QString& detail) {
    if (m_done)
        return;
    m_done = true;
    m_result.verdict = verdict;
    m_result.detail = detail;
    m_result.message = message;
    if (verdict == PullVerdict::Public)
        m_result.message =
            QStringLiteral("Anyone can pull %1, so the cluster can too.").arg(m_request.reference.toString());
    else if (verdict == PullVerdict::PrivateCredentialsWork)
        m_result.message = QStringLiteral("%1 is private; the cluster's credentials (user '%2') can pull it.")
                               .arg(m_request.reference.toString(), m_request.clusterCredentials->username);
    if (m_result.fix.isEmpty() || verdict != PullVerdict::Unreachable) {
        FixContext context{m_request.reference,
                           m_result.credentialsPull.has_value(),
                           m_result.anonymousPull,
                           m_request.clusterCredentials ? m_request.clusterCredentials->username : QString(),
                           m_request.clusterPlatforms,
                           m_result.imagePlatforms};
        m_result.fix = pullFix(verdict, context);
    }
    m_result.requests = m_client.requestCount() - m_requestsAtStart;
    Q_EMIT finished(m_result);
}

} // namespace slipway::registry

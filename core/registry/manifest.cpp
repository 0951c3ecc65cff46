#include "registry/manifest.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace slipway::registry {

namespace {

Descriptor descriptorFrom(const QJsonObject& object) {
    Descriptor descriptor;
    descriptor.mediaType = object.value(QStringLiteral("mediaType")).toString();
    descriptor.digest = object.value(QStringLiteral("digest")).toString();
    descriptor.size = object.value(QStringLiteral("size")).toInteger();
    descriptor.annotations = object.value(QStringLiteral("annotations")).toObject();
    if (object.contains(QStringLiteral("platform"))) {
        const QJsonObject platform = object.value(QStringLiteral("platform")).toObject();
        descriptor.platform = Platform::fromFields(platform.value(QStringLiteral("os")).toString(),
                                                   platform.value(QStringLiteral("architecture")).toString(),
                                                   platform.value(QStringLiteral("variant")).toString());
    }
    return descriptor;
}

QList<Descriptor> descriptorsFrom(const QJsonValue& value) {
    QList<Descriptor> out;
    for (const QJsonValue& entry : value.toArray())
        out.append(descriptorFrom(entry.toObject()));
    return out;
}

Error manifestError(const QString& message, const QString& detail = {}) {
    return Error{QStringLiteral("registry.manifest.invalid"), message,
                 QStringLiteral("Push the image again with a current docker or buildx; if it persists, the "
                                "registry is serving something that is not an image."),
                 detail};
}

} // namespace

QByteArray manifestAcceptHeader() {
    return QByteArray(mediatype::kOciIndex) + ", " + mediatype::kDockerList + ", " + mediatype::kOciManifest +
           ", " + mediatype::kDockerManifest;
}

bool Descriptor::isAttestation() const {
    if (annotations.value(QStringLiteral("vnd.docker.reference.type")).toString() ==
        QLatin1String("attestation-manifest"))
        return true;
    return platform && platform->isUnknown();
}

Result<Manifest> Manifest::parse(const QByteArray& body, const QString& contentType) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return std::unexpected(
            manifestError(QStringLiteral("The registry's manifest is not JSON."), parseError.errorString()));
    const QJsonObject object = document.object();
    Manifest manifest;
    manifest.mediaType = object.value(QStringLiteral("mediaType")).toString();
    if (manifest.mediaType.isEmpty())
        manifest.mediaType = contentType.section(QLatin1Char(';'), 0, 0).trimmed();
    if (manifest.mediaType.isEmpty()) // OCI allows omitting it; the shape tells
        manifest.mediaType = QLatin1String(
            object.contains(QStringLiteral("manifests")) ? mediatype::kOciIndex : mediatype::kOciManifest);

    if (manifest.mediaType == QLatin1String(mediatype::kOciIndex) ||
        manifest.mediaType == QLatin1String(mediatype::kDockerList)) {
        manifest.isIndex = true;
        manifest.manifests = descriptorsFrom(object.value(QStringLiteral("manifests")));
        return manifest;
    }
    if (manifest.mediaType == QLatin1String(mediatype::kOciManifest) ||
        manifest.mediaType == QLatin1String(mediatype::kDockerManifest)) {
        if (!object.value(QStringLiteral("config")).isObject())
            return std::unexpected(manifestError(QStringLiteral("The image manifest has no config.")));
        manifest.config = descriptorFrom(object.value(QStringLiteral("config")).toObject());
        manifest.layers = descriptorsFrom(object.value(QStringLiteral("layers")));
        return manifest;
    }
    if (manifest.mediaType.contains(QLatin1String("manifest.v1")))
        return fail(QStringLiteral("registry.manifest.schema1"),
                    QStringLiteral("The registry sent an old schema 1 manifest, which current clusters "
                                   "cannot pull."),
                    QStringLiteral("Rebuild and push the image with a current docker or buildx."));
    return std::unexpected(manifestError(
        QStringLiteral("The registry sent a manifest of unknown type '%1'.").arg(manifest.mediaType)));
}

QList<Descriptor> Manifest::imageEntries() const {
    QList<Descriptor> out;
    for (const Descriptor& entry : manifests) {
        if (!entry.isAttestation())
            out.append(entry);
    }
    return out;
}

QString sha256Digest(const QByteArray& bytes) {
    return QStringLiteral("sha256:") +
           QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

Result<void> verifyDigest(const QByteArray& bytes, const QString& digest, const QString& what) {
    if (!digest.startsWith(QLatin1String("sha256:")))
        return fail(QStringLiteral("registry.digest.unsupported"),
                    QStringLiteral("The %1 has digest '%2', which Slipway cannot verify (only sha256).")
                        .arg(what, digest),
                    QStringLiteral("Refer to the image by its sha256 digest or by tag."));
    const QString actual = sha256Digest(bytes);
    if (actual != digest.toLower())
        return fail(QStringLiteral("registry.digest.mismatch"),
                    QStringLiteral("The %1 the registry sent does not match its digest: expected %2, got %3.")
                        .arg(what, digest, actual),
                    QStringLiteral("Something between you and the registry changed the content (a proxy?), "
                                   "or the registry is broken; try again, and report it to the registry's "
                                   "operator if it persists."));
    return {};
}

} // namespace slipway::registry

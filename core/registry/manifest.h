#pragma once

#include "common/error.h"
#include "registry/platform.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace slipway::registry {

namespace mediatype {
inline constexpr auto kOciIndex = "application/vnd.oci.image.index.v1+json";
inline constexpr auto kDockerList = "application/vnd.docker.distribution.manifest.list.v2+json";
inline constexpr auto kOciManifest = "application/vnd.oci.image.manifest.v1+json";
inline constexpr auto kDockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
} // namespace mediatype

// The Accept header for manifest requests: all four current types, so no registry falls back to
// schema1 (whose digest differs from what a cluster resolves).
QByteArray manifestAcceptHeader();

// A content descriptor: an index entry, a config or a layer.
struct Descriptor {
    QString mediaType;
    QString digest;
    qint64 size = 0;
    std::optional<Platform> platform; // index entries only; absent means "any platform"
    QJsonObject annotations;

    // BuildKit's provenance/SBOM entries (platform unknown/unknown, reference type annotation).
    bool isAttestation() const;

    friend bool operator==(const Descriptor&, const Descriptor&) = default;
};

// A parsed image manifest or index (OCI or Docker v2).
struct Manifest {
    QString mediaType;
    bool isIndex = false;
    QList<Descriptor> manifests; // index: its entries
    Descriptor config;           // image manifest: its config blob
    QList<Descriptor> layers;    // image manifest

    // `contentType` is the response's Content-Type (parameters ignored), used when the body has no
    // mediaType field. Schema1 and unknown types are errors that say what the registry sent.
    static Result<Manifest> parse(const QByteArray& body, const QString& contentType);

    // The index entries that are runnable images (attestations dropped), with their platforms.
    QList<Descriptor> imageEntries() const;

    friend bool operator==(const Manifest&, const Manifest&) = default;
};

// "sha256:<hex>" of `bytes`.
QString sha256Digest(const QByteArray& bytes);

// Checks `bytes` against `digest` (sha256 only; other algorithms cannot be checked and are refused).
Result<void> verifyDigest(const QByteArray& bytes, const QString& digest, const QString& what);

} // namespace slipway::registry

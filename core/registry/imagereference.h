#pragma once

#include "common/error.h"

#include <QString>

namespace slipway::registry {

// An image reference normalised the way Docker, containerd and Kubernetes read it
// (distribution/reference): `nginx` is `docker.io/library/nginx:latest`.
struct ImageReference {
    QString registry;   // "docker.io", "ghcr.io", "localhost:5000", "[::1]:5000"
    QString repository; // "library/nginx", "owner/image"
    QString tag;        // "latest" when the reference names neither tag nor digest; may be set with a digest
    QString digest;     // "sha256:<64 hex>" or empty

    // Parses what a user or a Kubernetes pod spec would write. Errors name the offending part and how
    // to write it instead.
    static Result<ImageReference> parse(const QString& text);

    // docker.io, index.docker.io and registry-1.docker.io all mean Docker Hub.
    bool isDockerHub() const;
    // The host that answers the registry API: registry-1.docker.io for Docker Hub, else `registry`.
    QString apiHost() const;
    // What goes after /manifests/: the digest when there is one (it wins over a tag), else the tag.
    QString manifestReference() const;

    // Fully qualified: docker.io/library/nginx:latest, ghcr.io/o/i@sha256:...
    QString toString() const;
    // `registry/repository@digest`, the form to hand to a cluster so a moved tag cannot change it.
    QString pinned(const QString& manifestDigest) const;

    friend bool operator==(const ImageReference&, const ImageReference&) = default;
};

// The host part of a registry key the way Docker config files and credential stores spell it,
// normalised: "https://index.docker.io/v1/" -> "docker.io", "ghcr.io/" -> "ghcr.io". Empty if unusable.
QString normaliseRegistryHost(const QString& key);

// The host the registry API answers on: registry-1.docker.io for every Docker Hub spelling, else
// `registry` itself.
QString apiHostOf(const QString& registry);

} // namespace slipway::registry

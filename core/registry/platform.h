#pragma once

#include "common/error.h"

#include <QList>
#include <QString>

namespace slipway::registry {

// An OCI platform, normalised the way containerd normalises it (containerd/platforms): x86_64 ->
// amd64, aarch64 -> arm64 (variant v8 is the default and is left empty), arm -> variant v7 by default.
struct Platform {
    QString os;
    QString architecture;
    QString variant;

    // "linux/amd64", "linux/arm64/v8", "linux/arm/v7"; normalised. An empty or malformed text is an
    // error with the accepted forms.
    static Result<Platform> parse(const QString& text);
    // From an OCI/Docker JSON object's fields (index `platform` or config blob), normalised.
    static Platform fromFields(const QString& os, const QString& architecture, const QString& variant);

    Platform normalised() const;
    // "os/arch[/variant]".
    QString toString() const;
    // BuildKit's attestation entries carry unknown/unknown; they are not runnable images.
    bool isUnknown() const;

    friend bool operator==(const Platform&, const Platform&) = default;
};

// The platforms a node of `node`'s platform runs, best first (containerd's platformVector): amd64/vN
// also runs amd64/v(N-1)..v1 and 386; arm/vN runs vN..v5; arm64/v8.x runs v8.(x-1)..v8 and arm/v8..v5.
QList<Platform> compatiblePlatforms(const Platform& node);

// True when an image built for `image` runs on a node of `node`'s platform.
bool runsOn(const Platform& image, const Platform& node);

// The position of `image` in compatiblePlatforms(node): 0 is the best match; -1 when it does not run.
int matchRank(const Platform& image, const Platform& node);

} // namespace slipway::registry

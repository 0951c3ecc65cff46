#pragma once

#include "build/buildplan.h"

namespace slipway::spec {
class SourceDigestCache;
}

namespace slipway::build {

// The COPY lines of the Dockerfile and the context files they copy.
struct CopyStep {
    QString command;             // empty when nothing is copied
    QList<ContextEntry> entries; // only when listing was asked for
};

// flytekit's source_root handling: `COPY --chown=flytekit ./src /root` with the files selected by
// source_copy_mode (ignore files applied) under src/. Without `listFiles` only the line is produced.
// `digests`, when given, supplies the files its last digest of source_root was computed from (the
// tag's), instead of a new listing.
Result<CopyStep> planSourceCopy(const spec::ImageSpec& resolved, const spec::HostEnvironment& host,
                                bool listFiles, const CancelFlag* cancel,
                                const spec::SourceDigestCache* digests = nullptr);

// flytekit's `copy` entries: each relative file or folder keeps its path in the context and lands
// under /root. Paths resolve against the host's working directory. Without `listFiles` the folders'
// contents are not listed (entries are still checked to exist).
Result<CopyStep> planExtraCopies(const spec::ImageSpec& resolved, const spec::HostEnvironment& host,
                                 bool listFiles, const CancelFlag* cancel);

} // namespace slipway::build

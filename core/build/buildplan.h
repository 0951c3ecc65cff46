#pragma once

#include "common/cancel.h"
#include "common/error.h"
#include "spec/imagespec.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace slipway::spec {
class SourceDigestCache;
}

namespace slipway::build {

enum class DockerfileDialect {
    BuildKit, // flytekit's Dockerfile: RUN --mount cache/bind/secret mounts, builder stages
    Classic,  // the same steps without RUN --mount, for engines without BuildKit (old engines, Podman)
};

enum class Installer {
    Uv,  // flytekit's default: uv from the builder_config uv_image
    Pip, // python -m pip, for builds where no uv image can be pulled (offline, air-gapped)
};

// Build options: they change the Dockerfile, never the tag.
struct DockerfileOptions {
    DockerfileDialect dialect = DockerfileDialect::BuildKit;
    Installer installer = Installer::Uv;
    bool addFlytekit = true; // flytekit's builder appends flytekit when no requirement names it
    QString flytekitVersion; // empty or a dev version: unpinned "flytekit"; else "flytekit==<version>"
    bool syntaxLine = true;  // "#syntax=docker/dockerfile:1.5" (BuildKit pulls a frontend image)
    QString fallbackPythonVersion = QStringLiteral("3.11"); // when python_version is unset

    friend bool operator==(const DockerfileOptions&, const DockerfileOptions&) = default;
};

// One file of the build context: where it goes in the tar and where its bytes come from.
struct ContextEntry {
    QString archivePath; // '/'-separated path inside the context
    QString sourcePath;  // absolute path on disk; empty when `contents` holds the bytes
    QByteArray contents; // generated files (Dockerfile, requirements_uv.txt)
    bool isDirectory = false;
};

// A secret file the Dockerfile mounts (pip_secret_mounts): `docker build --secret id=<id>,src=<sourcePath>`.
struct BuildSecret {
    QString id;         // "secret_<i>", as in the Dockerfile's --mount=type=secret
    QString sourcePath; // absolute path on disk
};

// Everything needed to build a spec: the Dockerfile text and the context's file list. Planning reads
// the file system (listing source_root, reading requirements) but never copies files.
struct BuildPlan {
    QString imageName; // registry/name:tag
    QString specId;    // for ENV _F_IMG_ID
    QByteArray dockerfile;
    QList<ContextEntry> entries; // includes the Dockerfile itself
    QStringList warnings;        // e.g. "uv.lock support is experimental"
    QList<BuildSecret> secrets;  // BuildKit only; never copied into the context
};

// `digests` (optional) reuses a source_root digest already computed for the same tree (the editor's
// live tag, the CLI's registry lookup): without it a build reads a large source_root twice.
Result<BuildPlan> planBuild(const spec::ImageSpec& spec, const spec::HostEnvironment& host,
                            const DockerfileOptions& options, const CancelFlag* cancel = nullptr,
                            spec::SourceDigestCache* digests = nullptr);

// The same plan without the tag: `imageName` is the repository ("registry/name"). For a build that
// need not know its tag before it starts (no existence check): the tag, which hashes all of
// source_root, is computed meanwhile and put on the image afterwards.
Result<BuildPlan> planUntaggedBuild(const spec::ImageSpec& spec, const spec::HostEnvironment& host,
                                    const DockerfileOptions& options, const CancelFlag* cancel = nullptr);

// Renders only the Dockerfile (what `slipway-cli spec dockerfile` prints).
Result<QByteArray> renderDockerfile(const spec::ImageSpec& spec, const spec::HostEnvironment& host,
                                    const DockerfileOptions& options);

} // namespace slipway::build

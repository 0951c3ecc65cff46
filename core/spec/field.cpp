#include "spec/field.h"

#include <algorithm>
#include <vector>

namespace slipway::spec {

namespace {
using enum Field;
using enum FieldType;

constexpr std::array<FieldInfo, kFieldCount> kFields{{
    {Name, "name", Str, true, true, "Repository name of the image, e.g. simple-example-image; lower-cased."},
    {PythonVersion, "python_version", Str, true, true,
     "Python version for the image, e.g. \"3.11\"; unset means flytekit uses its own interpreter's version."},
    {Builder, "builder", Str, false, false,
     "Builder plugin (default, envd, noop, union); not part of the tag."},
    {SourceRoot, "source_root", Str, true, false,
     "Folder whose files are copied into /root of the image; its contents change the tag."},
    {Env, "env", StrDict, true, false,
     "Environment variables set in the image; their order changes the tag."},
    {Registry, "registry", Str, true, true,
     "Where the image is pushed, e.g. ghcr.io/my-org or localhost:5000; no scheme, no tag."},
    {Packages, "packages", StrList, true, true, "Python packages installed with pip/uv, e.g. pandas==2.2.2."},
    {CondaPackages, "conda_packages", StrList, true, false, "Conda packages installed with micromamba."},
    {CondaChannels, "conda_channels", StrList, true, false,
     "Extra conda channels, searched after conda-forge."},
    {Requirements, "requirements", Str, true, true,
     "A requirements.txt, uv.lock or poetry.lock file; its contents change the tag."},
    {AptPackages, "apt_packages", StrList, true, true, "Debian packages installed with apt-get."},
    {Cuda, "cuda", Str, true, false,
     "CUDA version (envd builder only); the default builder rejects it: use a CUDA base image instead."},
    {Cudnn, "cudnn", Str, true, false,
     "cuDNN version (envd builder only); the default builder rejects it: use a CUDA base image instead."},
    {BaseImage, "base_image", StrOrSpec, true, true,
     "Image to start from; default debian:bookworm-slim. May be another ImageSpec in Python."},
    {Platform, "platform", Str, true, false,
     "Target platform(s), e.g. linux/amd64 or linux/amd64,linux/arm64; must match the cluster's nodes."},
    {PipIndex, "pip_index", Str, true, false, "Package index URL used instead of PyPI (--index-url)."},
    {PipExtraIndexUrl, "pip_extra_index_url", StrList, true, false,
     "Additional package index URLs (--extra-index-url)."},
    {PipSecretMounts, "pip_secret_mounts", PairList, false, false,
     "Pairs of (local file, mount target) exposed as build secrets to the install step; not in the tag."},
    {PipExtraArgs, "pip_extra_args", Str, true, false,
     "Extra arguments appended to the package install command."},
    {RegistryConfig, "registry_config", Str, false, false,
     "Registry auth JSON for the envd builder; ignored by the default builder; not in the tag."},
    {Entrypoint, "entrypoint", StrList, true, false,
     "Overrides the base image's ENTRYPOINT; an empty list clears it."},
    {Commands, "commands", StrList, true, false, "Shell commands run as root at the end of the build."},
    {TagFormat, "tag_format", Str, true, false,
     "Python format string for the tag, e.g. \"{spec_hash}-dev\"."},
    {SourceCopyMode, "source_copy_mode", CopyMode, true, false,
     "Which files of source_root are copied: ALL, LOADED_MODULES or NO_COPY."},
    {Copy, "copy", PathList, true, false,
     "Extra files or folders (relative paths) copied to the same path under /root."},
    {PythonExec, "python_exec", Str, true, false,
     "Use this Python of the base image instead of installing one with micromamba."},
    {RuntimePackages, "runtime_packages", StrList, false, false,
     "Packages pip-installed when the task starts, not at build time; not in the tag."},
    {BuilderOptions, "builder_options", AnyDict, true, false,
     "Builder-specific options, e.g. imagepull_secret_name."},
    {BuilderConfig, "builder_config", AnyDict, true, false,
     "Default builder settings: uv_image and micromamba_image."},
}};

int editDistance(QStringView a, QStringView b) {
    std::vector<int> previous(static_cast<size_t>(b.size()) + 1);
    std::vector<int> current(previous.size());
    for (size_t j = 0; j < previous.size(); ++j)
        previous[j] = static_cast<int>(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        current[0] = static_cast<int>(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int substitution = previous[size_t(j - 1)] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[size_t(j)] =
                std::min({previous[size_t(j)] + 1, current[size_t(j - 1)] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous.back();
}
} // namespace

const std::array<FieldInfo, kFieldCount>& fieldInfos() {
    return kFields;
}

const FieldInfo& fieldInfo(Field field) {
    return kFields[static_cast<size_t>(field)];
}

QString fieldName(Field field) {
    return QString::fromLatin1(fieldInfo(field).name);
}

std::optional<Field> fieldByName(QStringView name) {
    for (const FieldInfo& info : kFields) {
        if (name == QLatin1StringView(info.name))
            return info.field;
    }
    return std::nullopt;
}

QString closestFieldName(QStringView name) {
    const QString lowered = name.toString().toLower().replace(QLatin1Char('-'), QLatin1Char('_'));
    QString best;
    int bestDistance = 4; // more than three edits is a different word, not a typo
    for (const FieldInfo& info : kFields) {
        const QString candidate = QString::fromLatin1(info.name);
        const int distance = editDistance(lowered, candidate);
        if (distance < bestDistance) {
            bestDistance = distance;
            best = candidate;
        }
    }
    // Also catch singular/plural and prefix slips such as "package" or "apt".
    if (best.isEmpty() && lowered.size() >= 3) {
        for (const FieldInfo& info : kFields) {
            const QString candidate = QString::fromLatin1(info.name);
            if (candidate.startsWith(lowered) || lowered.startsWith(candidate))
                return candidate;
        }
    }
    return best;
}

} // namespace slipway::spec

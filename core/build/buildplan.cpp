#include "build/buildplan.h"

#include "build/contextfiles.h"
#include "build/dockerfilesteps.h"
#include "build/fieldvalues.h"
#include "build/pytext.h"
#include "build/pythoninstall.h"
#include "spec/sourcedigestcache.h"
#include "spec/spechash.h"

namespace slipway::build {

namespace {

using spec::Field;

const QString kDefaultBaseImage = QStringLiteral("debian:bookworm-slim");
const QString kDefaultUvImage = QStringLiteral("ghcr.io/astral-sh/uv:0.5.1");
const QString kDefaultMicromambaImage = QStringLiteral("mambaorg/micromamba:2.0.3-debian12-slim");

struct Rendered {
    QString specId;
    QByteArray dockerfile;
    QList<ContextEntry> entries;
    QStringList warnings;
    QList<BuildSecret> secrets;
};

template <typename T> std::unexpected<Error> forward(const Result<T>& result) {
    return std::unexpected(result.error());
}

// flytekit's `env_dict = {"PYTHONPATH": "/root"}; env_dict.update(spec.env)` as `K=V` pairs.
Result<QString> environment(const spec::ImageSpec& resolved) {
    spec::PyValue::Dict variables{
        {spec::PyValue(QStringLiteral("PYTHONPATH")), spec::PyValue(QStringLiteral("/root"))}};
    const spec::PyValue env = resolved.value(Field::Env);
    if (env.truthy()) {
        if (!env.isDict())
            return wrongType(Field::Env, env, QStringLiteral("a mapping of names to values"),
                             QStringLiteral("{LOG_LEVEL: debug}"));
        for (const auto& [key, value] : env.entries()) {
            // dict.update: an existing key keeps its position and takes the new value.
            auto existing = std::find_if(variables.begin(), variables.end(),
                                         [&key](const auto& entry) { return entry.first == key; });
            if (existing != variables.end())
                existing->second = value;
            else
                variables.append({key, value});
        }
    }
    QStringList pairs;
    for (const auto& [key, value] : variables)
        pairs.append(pyStr(key) + u'=' + pyStr(value));
    return pairs.join(u' ');
}

std::optional<Error> cudaError(const spec::ImageSpec& resolved) {
    if (resolved.value(Field::Cuda).isNone() && resolved.value(Field::Cudnn).isNone())
        return std::nullopt;
    return Error{
        QStringLiteral("build.cuda"),
        QStringLiteral("cuda and cudnn are not supported by the default builder: GPU libraries from PyPI "
                       "or the conda `nvidia` channel bring their own CUDA"),
        QStringLiteral("Remove cuda/cudnn; if you need CUDA itself, use a CUDA base image, e.g. "
                       "base_image: nvidia/cuda:12.6.1-cudnn-runtime-ubuntu22.04 with python_exec: "
                       "/usr/bin/python3"),
        {}};
}

// flytekit's `prepare_python_executable`: micromamba's environment, or a venv from python_exec.
struct PythonRuntime {
    QString step;
    QString pythonExec;
    QString extraPath;
};

Result<PythonRuntime> pythonRuntime(const spec::ImageSpec& resolved, const DockerfileOptions& options) {
    const steps::Flavour flavour{options.dialect, options.installer};
    const spec::PyValue pythonExec = resolved.value(Field::PythonExec);
    if (pythonExec.truthy()) {
        for (const Field conda : {Field::CondaChannels, Field::CondaPackages}) {
            if (resolved.value(conda).truthy())
                return fail(
                    QStringLiteral("build.condaWithPythonExec"),
                    QStringLiteral("%1 is not supported with python_exec").arg(spec::fieldName(conda)),
                    QStringLiteral("Remove %1, or remove python_exec to let micromamba provide Python")
                        .arg(spec::fieldName(conda)));
        }
        return PythonRuntime{steps::virtualEnvironment(flavour, pyStr(pythonExec)),
                             QString::fromLatin1(steps::kVenvPython), QString::fromLatin1(steps::kVenvBin)};
    }
    const auto channels = stringListField(resolved, Field::CondaChannels);
    if (!channels)
        return forward(channels);
    const auto packages = stringListField(resolved, Field::CondaPackages);
    if (!packages)
        return forward(packages);
    const spec::PyValue version = resolved.value(Field::PythonVersion);
    const QString pythonVersion = version.truthy() ? pyStr(version) : options.fallbackPythonVersion;
    return PythonRuntime{steps::micromambaEnvironment(flavour, pythonVersion, *channels, *packages),
                         QString::fromLatin1(steps::kMicromambaPython),
                         QString::fromLatin1(steps::kMicromambaBin)};
}

Result<QString> entrypoint(const spec::ImageSpec& resolved) {
    const spec::PyValue value = resolved.value(Field::Entrypoint);
    if (value.isNone())
        return QString();
    if (!value.isStringList())
        return wrongType(Field::Entrypoint, value, QStringLiteral("a list of strings"),
                         QStringLiteral("[\"python\", \"-m\", \"app\"]"));
    return QStringLiteral("ENTRYPOINT ") + pyJsonDumps(value.toStringList());
}

Result<QString> baseImage(const spec::ImageSpec& resolved, const spec::HostEnvironment& host,
                          const CancelFlag* cancel) {
    const spec::PyValue base = resolved.value(Field::BaseImage);
    // flytekit builds a nested spec first and then builds on its image name.
    if (const spec::ImageSpec* nested = base.spec())
        return spec::specImageName(*nested, host, cancel);
    return base.truthy() ? pyStr(base) : kDefaultBaseImage;
}

Result<std::pair<QString, QString>> builderImages(const spec::ImageSpec& resolved) {
    const spec::PyValue config = resolved.value(Field::BuilderConfig);
    QString uvImage = kDefaultUvImage;
    QString micromambaImage = kDefaultMicromambaImage;
    if (!config.isNone()) {
        if (!config.isDict())
            return wrongType(Field::BuilderConfig, config, QStringLiteral("a mapping"),
                             QStringLiteral("{uv_image: \"ghcr.io/astral-sh/uv:0.6.14\"}"));
        if (const spec::PyValue* uv = config.find(QStringLiteral("uv_image")))
            uvImage = pyStr(*uv);
        if (const spec::PyValue* micromamba = config.find(QStringLiteral("micromamba_image")))
            micromambaImage = pyStr(*micromamba);
    }
    return std::pair{uvImage, micromambaImage};
}

QStringList builderWarnings(const spec::ImageSpec& resolved) {
    QStringList warnings;
    const spec::PyValue builder = resolved.value(Field::Builder);
    if (builder.isStr() && builder.str() != QLatin1String("default"))
        warnings.append(
            QStringLiteral("builder is %1: this Dockerfile is flytekit's default builder's, which "
                           "pyflyte would not use for this spec")
                .arg(builder.repr()));
    if (!resolved.value(Field::RegistryConfig).isNone())
        warnings.append(
            QStringLiteral("registry_config is only used by the envd builder and is ignored here"));
    return warnings;
}

// flytekit's `create_docker_context`, checking in its order so the first error is flytekit's.
Result<Rendered> render(const spec::ImageSpec& spec, const spec::HostEnvironment& host,
                        const DockerfileOptions& options, bool withContext, const CancelFlag* cancel,
                        const spec::SourceDigestCache* digests = nullptr) {
    const spec::ImageSpec resolved = spec.resolved(host);
    const steps::Flavour flavour{options.dialect, options.installer};
    Rendered rendered;
    rendered.warnings = builderWarnings(resolved);

    if (const auto error = cudaError(resolved))
        return std::unexpected(*error);
    const bool virtualEnvironment = resolved.value(Field::PythonExec).truthy();
    const auto install = planPythonInstall(resolved, host, options, virtualEnvironment, withContext);
    if (!install)
        return forward(install);
    const auto env = environment(resolved);
    if (!env)
        return forward(env);
    const auto aptPackages = stringListField(resolved, Field::AptPackages);
    if (!aptPackages)
        return forward(aptPackages);
    const auto source = planSourceCopy(resolved, host, withContext, cancel, digests);
    if (!source)
        return forward(source);
    const auto runtime = pythonRuntime(resolved, options);
    if (!runtime)
        return forward(runtime);
    const auto entrypointLine = entrypoint(resolved);
    if (!entrypointLine)
        return forward(entrypointLine);
    const auto commands = stringListField(resolved, Field::Commands);
    if (!commands)
        return forward(commands);
    const auto copies = planExtraCopies(resolved, host, withContext, cancel);
    if (!copies)
        return forward(copies);
    const auto images = builderImages(resolved);
    if (!images)
        return forward(images);
    const auto base = baseImage(resolved, host, cancel);
    if (!base)
        return forward(base);
    const auto id = spec::specId(spec, host);
    if (!id)
        return forward(id);

    const QHash<QString, QString> values{
        {QStringLiteral("STAGES"), steps::stages(flavour, options.syntaxLine, images->first, images->second)},
        {QStringLiteral("BASE_IMAGE"), *base},
        {QStringLiteral("APT_INSTALL_COMMAND"), steps::aptInstall(flavour, *aptPackages)},
        {QStringLiteral("CA_CERTIFICATES"), steps::caCertificates(flavour)},
        {QStringLiteral("BUILD_TOOLS"), steps::buildTools(flavour)},
        {QStringLiteral("INSTALL_PYTHON_TEMPLATE"), runtime->step},
        {QStringLiteral("EXTRA_PATH"), runtime->extraPath},
        {QStringLiteral("PYTHON_EXEC"), runtime->pythonExec},
        {QStringLiteral("ENV"), *env},
        {QStringLiteral("UV_PYTHON_INSTALL_COMMAND"), install->step},
        {QStringLiteral("ENTRYPOINT"), *entrypointLine},
        {QStringLiteral("COPY_COMMAND_RUNTIME"), source->command},
        {QStringLiteral("EXTRA_COPY_CMDS"), copies->command},
        {QStringLiteral("RUN_COMMANDS"), steps::runCommands(flavour, *commands)},
        {QStringLiteral("_F_IMG_ID_ENV"), QStringLiteral("_F_IMG_ID=") + *id},
    };
    rendered.specId = *id;
    rendered.dockerfile = substitutePyTemplate(steps::dockerfileTemplate(), values).toUtf8();
    rendered.warnings.append(install->warnings);
    rendered.secrets = install->secrets;
    if (withContext) {
        rendered.entries.append({QStringLiteral("Dockerfile"), {}, rendered.dockerfile, false});
        rendered.entries.append(install->entries);
        rendered.entries.append(source->entries);
        rendered.entries.append(copies->entries);
    }
    return rendered;
}

BuildPlan planFrom(QString imageName, Rendered&& rendered) {
    return BuildPlan{std::move(imageName),         rendered.specId,
                     rendered.dockerfile,          std::move(rendered.entries),
                     std::move(rendered.warnings), std::move(rendered.secrets)};
}

} // namespace

Result<BuildPlan> planBuild(const spec::ImageSpec& spec, const spec::HostEnvironment& host,
                            const DockerfileOptions& options, const CancelFlag* cancel,
                            spec::SourceDigestCache* digests) {
    // The Dockerfile's own errors first (no files listed yet), then the tag; the context then takes
    // the files the tag's source_root digest was computed from, so a large tree is walked once.
    if (auto checked = render(spec, host, options, false, cancel); !checked)
        return forward(checked);
    std::optional<spec::SourceDigestCache> ownDigests;
    if (!digests)
        digests = &ownDigests.emplace();
    const auto imageName = spec::specImageName(spec, host, cancel, digests);
    if (!imageName)
        return forward(imageName);
    auto rendered = render(spec, host, options, true, cancel, digests);
    if (!rendered)
        return forward(rendered);
    return planFrom(*imageName, std::move(*rendered));
}

Result<BuildPlan> planUntaggedBuild(const spec::ImageSpec& spec, const spec::HostEnvironment& host,
                                    const DockerfileOptions& options, const CancelFlag* cancel) {
    auto rendered = render(spec, host, options, true, cancel);
    if (!rendered)
        return forward(rendered);
    return planFrom(spec::specRepository(spec, host), std::move(*rendered));
}

Result<QByteArray> renderDockerfile(const spec::ImageSpec& spec, const spec::HostEnvironment& host,
                                    const DockerfileOptions& options) {
    auto rendered = render(spec, host, options, false, nullptr);
    if (!rendered)
        return forward(rendered);
    return rendered->dockerfile;
}

} // namespace slipway::build

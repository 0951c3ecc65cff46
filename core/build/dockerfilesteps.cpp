#include "build/dockerfilesteps.h"

namespace slipway::build::steps {

namespace {

// flytekit continues a RUN line with " \" and four spaces of indent.
const QString kContinuation = QStringLiteral(" \\\n    ");
const QString kUvCacheMount =
    QStringLiteral("--mount=type=cache,sharing=locked,mode=0777,target=/root/.cache/uv,id=uv");
const QString kUvBinaryMount = QStringLiteral("--mount=from=uv,source=/uv,target=/usr/bin/uv");
// Without bind mounts (Classic) the files the install reads are copied here first.
const QString kStagingDir = QStringLiteral("/tmp/slipway");

const QString kVenvEnv = QStringLiteral("ENV PATH=\"/root/.venv/bin:$PATH\" \\\n"
                                        "    UV_PYTHON=/root/.venv/bin/python\n");

// One RUN instruction: mounts and command as flytekit lays them out, one per continued line.
QString run(const QStringList& parts) {
    return QStringLiteral("RUN ") + parts.join(kContinuation) + u'\n';
}

// Shell commands chained with && on continued lines.
QString chain(const QStringList& commands) {
    return commands.join(QStringLiteral(" && \\\n    "));
}

QString bindMount(const QString& file) {
    return QStringLiteral("--mount=type=bind,target=%1,src=%1").arg(file);
}

QStringList uvMounts(const Flavour& flavour) {
    return flavour.flytekitText() ? QStringList{kUvCacheMount, kUvBinaryMount} : QStringList{};
}

// flytekit always writes the secret line, empty or not; our own flavours write it only when needed.
QStringList secretLine(const Flavour& flavour, const QString& secretMount) {
    if (flavour.flytekitText() || !secretMount.isEmpty())
        return {secretMount};
    return {};
}

QString pipInstall(const Flavour& flavour, const QString& python) {
    if (!flavour.uv())
        return python + QStringLiteral(" -m pip install --no-cache-dir");
    // Without a cache mount uv's cache would end up in the image.
    return flavour.buildKit() ? QStringLiteral("uv pip install")
                              : QStringLiteral("uv pip install --no-cache");
}

QString joined(QStringList args, const QStringList& more) {
    args.append(more);
    return args.join(u' ');
}

// Classic: COPY the files into the staging folder, then into the working directory for the command.
QString stageFiles(const QStringList& files) {
    return QStringLiteral("COPY %1 %2/\n").arg(files.join(u' '), kStagingDir);
}

QString takeStagedFiles(const QStringList& files) {
    QStringList staged;
    for (const QString& file : files)
        staged.append(kStagingDir + u'/' + file);
    return QStringLiteral("cp %1 .").arg(staged.join(u' '));
}

} // namespace

QString dockerfileTemplate() {
    return QStringLiteral(R"(${STAGES}
FROM $BASE_IMAGE

USER root
$APT_INSTALL_COMMAND
$CA_CERTIFICATES
RUN id -u flytekit || useradd --create-home --shell /bin/bash flytekit
RUN chown -R flytekit /root && chown -R flytekit /home

${BUILD_TOOLS}$INSTALL_PYTHON_TEMPLATE

# Configure user space
ENV PATH="$EXTRA_PATH:$$PATH" \
    UV_PYTHON=$PYTHON_EXEC \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    FLYTE_SDK_RICH_TRACEBACKS=0 \
    SSL_CERT_DIR=/etc/ssl/certs \
    $ENV

$UV_PYTHON_INSTALL_COMMAND

# Adds nvidia just in case it exists
ENV PATH="$$PATH:/usr/local/nvidia/bin:/usr/local/cuda/bin" \
    LD_LIBRARY_PATH="/usr/local/nvidia/lib64:$$LD_LIBRARY_PATH"

$ENTRYPOINT

$COPY_COMMAND_RUNTIME

$EXTRA_COPY_CMDS

$RUN_COMMANDS
WORKDIR /root
SHELL ["/bin/bash", "-c"]

USER flytekit
RUN mkdir -p $$HOME && \
    echo "export PATH=$$PATH" >> $$HOME/.profile

# NOTE: Important to set this env var all the way at the bottom
# Otherwise the slightest change to an imagespec's ID would unnecessarily invalidate
# too many layers in the build cache.
ENV $_F_IMG_ID_ENV
)");
}

QString stages(const Flavour& flavour, bool syntaxLine, const QString& uvImage,
               const QString& micromambaImage) {
    QString text;
    if (flavour.buildKit() && syntaxLine)
        text += QStringLiteral("#syntax=docker/dockerfile:1.5\n");
    // Installer::Pip exists for builds that cannot pull the uv image: never name it.
    if (flavour.uv())
        text += QStringLiteral("FROM %1 as uv\n").arg(uvImage);
    text += QStringLiteral("FROM %1 as micromamba\n").arg(micromambaImage);
    return text;
}

QString aptInstall(const Flavour& flavour, const QStringList& packages) {
    if (packages.isEmpty())
        return {};
    const QString install =
        QStringLiteral("apt-get update && apt-get install -y --no-install-recommends \\\n    ") +
        packages.join(u' ');
    if (flavour.buildKit())
        return run(
            {QStringLiteral("--mount=type=cache,sharing=locked,mode=0777,target=/var/cache/apt,id=apt"),
             install});
    return run({chain({install, QStringLiteral("rm -rf /var/lib/apt/lists/*")})});
}

QString caCertificates(const Flavour& flavour) {
    // As in flytekit, `a || b && c` runs the copy whether or not the base image had certificates.
    const QString install = QStringLiteral("[ -f /etc/ssl/certs/ca-certificates.crt ] || \\\n"
                                           "    mkdir -p /etc/ssl/certs/ && cp /tmp/ca-certificates.crt "
                                           "/etc/ssl/certs/ca-certificates.crt");
    if (flavour.buildKit())
        return run({QStringLiteral("--mount=from=micromamba,source=/etc/ssl/certs/ca-certificates.crt,"
                                   "target=/tmp/ca-certificates.crt"),
                    install});
    return QStringLiteral(
               "COPY --from=micromamba /etc/ssl/certs/ca-certificates.crt /tmp/ca-certificates.crt\n") +
           run({install});
}

QString buildTools(const Flavour& flavour) {
    // Without mounts uv is copied in once, before its first use; the final commands may use it too.
    if (flavour.buildKit() || !flavour.uv())
        return {};
    return QStringLiteral("COPY --from=uv /uv /usr/bin/uv\n\n");
}

QString micromambaEnvironment(const Flavour& flavour, const QString& pythonVersion,
                              const QStringList& channels, const QStringList& packages) {
    QStringList channelArgs;
    for (const QString& channel : channels)
        channelArgs.append(QStringLiteral("-c ") + channel);
    // Installer::Pip relies on micromamba adding pip to a python environment (add_pip_as_python_dependency).
    const QString create =
        QStringLiteral("micromamba config set use_lockfiles False && \\\n"
                       "    micromamba create -n runtime --root-prefix /opt/micromamba \\\n"
                       "    -c conda-forge %1 \\\n"
                       "    python=%2 %3")
            .arg(channelArgs.join(u' '), pythonVersion, packages.join(u' '));
    if (flavour.buildKit())
        return run(
            {QStringLiteral("--mount=type=cache,sharing=locked,mode=0777,target=/opt/micromamba/pkgs,"
                            "id=micromamba"),
             QStringLiteral("--mount=from=micromamba,source=/usr/bin/micromamba,target=/usr/bin/micromamba"),
             create});
    // Without the cache mount the package cache would stay in the image.
    return QStringLiteral("COPY --from=micromamba /usr/bin/micromamba /usr/bin/micromamba\n") +
           run({chain({create.trimmed(), QStringLiteral("rm -rf /opt/micromamba/pkgs")})});
}

QString virtualEnvironment(const Flavour& flavour, const QString& pythonExec) {
    // flytekit >= 1.16.16 (reference §4.3): a venv with the base interpreter's site packages, so
    // PEP 668 "externally managed" system Pythons accept installs.
    const QString venv = QStringLiteral("/root/.venv");
    if (!flavour.uv())
        return run({QStringLiteral("%1 -m venv --system-site-packages %2").arg(pythonExec, venv)});
    return run(
        uvMounts(flavour) +
        QStringList{QStringLiteral("uv venv --python %1 --system-site-packages %2").arg(pythonExec, venv)});
}

QString requirementsInstall(const Flavour& flavour, const InstallArguments& install) {
    const QString requirements = QString::fromLatin1(kRequirementsFile);
    const QString command = pipInstall(flavour, install.python);
    if (flavour.buildKit())
        return run(uvMounts(flavour) + QStringList{bindMount(requirements)} +
                   secretLine(flavour, install.secretMount) +
                   QStringList{command + u' ' +
                               joined(install.args, {QStringLiteral("--requirement"), requirements})});
    return stageFiles({requirements}) +
           run({command + u' ' +
                joined(install.args, {QStringLiteral("--requirement"), kStagingDir + u'/' + requirements})});
}

QString uvLockInstall(const Flavour& flavour, const InstallArguments& install) {
    const QStringList files{QString::fromLatin1(kUvLockFile), QString::fromLatin1(kPyprojectFile)};
    const QString sync =
        QStringLiteral("uv sync ") +
        joined(
            flavour.buildKit() ? install.args : QStringList{QStringLiteral("--no-cache")} + install.args,
            {QStringLiteral("--locked"), QStringLiteral("--no-dev"), QStringLiteral("--no-install-project")});
    QString text;
    if (flavour.buildKit()) {
        text = QStringLiteral("WORKDIR /root\n") +
               run(uvMounts(flavour) + QStringList{bindMount(files[0]), bindMount(files[1])} +
                   secretLine(flavour, install.secretMount) + QStringList{sync});
    } else {
        text = stageFiles(files) + QStringLiteral("WORKDIR /root\n") +
               run({chain({takeStagedFiles(files), sync, QStringLiteral("rm ") + files.join(u' ')})});
    }
    return text +
           QStringLiteral("WORKDIR /\n\n"
                          "# Update PATH and UV_PYTHON to point to the venv created by uv sync\n") +
           kVenvEnv;
}

QString poetryInstall(const Flavour& flavour, const InstallArguments& install) {
    const QStringList files{QString::fromLatin1(kPoetryLockFile), QString::fromLatin1(kPyprojectFile)};
    const QString poetry =
        QStringLiteral("poetry install ") + joined(install.args, {QStringLiteral("--no-root")});
    QString text =
        run(uvMounts(flavour) + QStringList{pipInstall(flavour, install.python) + QStringLiteral(" poetry")});
    text +=
        QStringLiteral("\n"
                       "ENV POETRY_CACHE_DIR=/tmp/poetry_cache \\\n"
                       "    POETRY_VIRTUALENVS_IN_PROJECT=true\n"
                       "\n"
                       "# poetry install does not work running in /, so we move to /root to create the venv\n"
                       "WORKDIR /root\n"
                       "\n");
    if (flavour.buildKit()) {
        text += run(
            QStringList{QStringLiteral("--mount=type=cache,sharing=locked,mode=0777,target=/tmp/poetry_cache,"
                                       "id=poetry"),
                        bindMount(files[0]), bindMount(files[1])} +
            secretLine(flavour, install.secretMount) + QStringList{poetry});
    } else {
        text += stageFiles(files) +
                run({chain({takeStagedFiles(files), poetry,
                            QStringLiteral("rm -rf %1 /tmp/poetry_cache").arg(files.join(u' '))})});
    }
    return text +
           QStringLiteral("\n"
                          "WORKDIR /\n"
                          "\n"
                          "# Update PATH and UV_PYTHON to point to venv\n") +
           kVenvEnv;
}

QString runCommands(const Flavour& flavour, const QStringList& commands) {
    const QString joinedCommands = commands.join(QStringLiteral(" && "));
    // flytekit always writes this RUN, even with nothing to run, so uv stays mountable for commands.
    if (flavour.flytekitText())
        return QStringLiteral("RUN ") + kUvCacheMount + kContinuation + kUvBinaryMount + u' ' +
               joinedCommands + u'\n';
    if (commands.isEmpty())
        return {};
    return QStringLiteral("RUN ") + joinedCommands + u'\n';
}

} // namespace slipway::build::steps

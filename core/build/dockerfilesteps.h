#pragma once

#include "build/buildplan.h"

#include <QString>
#include <QStringList>

// The pieces of the Dockerfile in each flavour. BuildKit with uv is flytekit's default builder text,
// byte for byte (flytekit/image_spec/default_builder.py, 1.16); the other flavours keep the same steps
// in the same order so that an image built either way behaves the same.
namespace slipway::build::steps {

struct Flavour {
    DockerfileDialect dialect = DockerfileDialect::BuildKit;
    Installer installer = Installer::Uv;

    bool buildKit() const { return dialect == DockerfileDialect::BuildKit; }
    bool uv() const { return installer == Installer::Uv; }
    // flytekit's own text, where every detail (even an empty secret line) is copied verbatim.
    bool flytekitText() const { return buildKit() && uv(); }
};

// What every package install step needs besides its files.
struct InstallArguments {
    QStringList args;    // flytekit's pip_install_args before the mode's own (index, extra index, extra args)
    QString secretMount; // flytekit's PIP_SECRET_MOUNT: "--mount=type=secret,..." joined by spaces, or empty
    QString python;      // interpreter that runs `-m pip` for Installer::Pip
};

// The main template, in Python string.Template syntax. Its placeholders are filled by the functions
// below (STAGES ... RUN_COMMANDS) and by plain values (BASE_IMAGE, EXTRA_PATH, PYTHON_EXEC, ENV,
// ENTRYPOINT, COPY_COMMAND_RUNTIME, EXTRA_COPY_CMDS, _F_IMG_ID_ENV).
QString dockerfileTemplate();

// Every function returns whole lines, each ending in '\n', or an empty string.
QString stages(const Flavour& flavour, bool syntaxLine, const QString& uvImage,
               const QString& micromambaImage);
QString aptInstall(const Flavour& flavour, const QStringList& packages);
QString caCertificates(const Flavour& flavour);
QString buildTools(const Flavour& flavour);
QString micromambaEnvironment(const Flavour& flavour, const QString& pythonVersion,
                              const QStringList& channels, const QStringList& packages);
// Since flytekit 1.16.16 a python_exec image installs into a venv made from that interpreter.
QString virtualEnvironment(const Flavour& flavour, const QString& pythonExec);
QString requirementsInstall(const Flavour& flavour, const InstallArguments& install);
QString uvLockInstall(const Flavour& flavour, const InstallArguments& install);
QString poetryInstall(const Flavour& flavour, const InstallArguments& install);
QString runCommands(const Flavour& flavour, const QStringList& commands);

// The interpreter and bin folder of the environments the steps create.
inline constexpr char kMicromambaPython[] = "/opt/micromamba/envs/runtime/bin/python";
inline constexpr char kMicromambaBin[] = "/opt/micromamba/envs/runtime/bin";
inline constexpr char kVenvPython[] = "/root/.venv/bin/python";
inline constexpr char kVenvBin[] = "/root/.venv/bin";

// Names of the generated and copied files at the top of the build context.
inline constexpr char kRequirementsFile[] = "requirements_uv.txt";
inline constexpr char kUvLockFile[] = "uv.lock";
inline constexpr char kPoetryLockFile[] = "poetry.lock";
inline constexpr char kPyprojectFile[] = "pyproject.toml";

} // namespace slipway::build::steps

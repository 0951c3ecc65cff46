#pragma once

#include "build/buildplan.h"
#include "build/dockerfilesteps.h"

namespace slipway::build {

// flytekit's `prepare_python_install`: the package install step (requirements_uv.txt, uv.lock or
// poetry.lock) and the files it needs in the context.
struct PythonInstall {
    QString step;                // the Dockerfile's UV_PYTHON_INSTALL_COMMAND
    QList<ContextEntry> entries; // requirements_uv.txt, or the lock file and pyproject.toml
    QStringList warnings;
    QList<BuildSecret> secrets; // pip_secret_mounts sources, by the ids the step mounts
};

// `virtualEnvironment`: packages go into the python_exec venv rather than micromamba's environment.
// Without `readFiles` the requirements file is not read and requirements_uv.txt not produced (the
// Dockerfile does not depend on either); files are still checked to exist.
Result<PythonInstall> planPythonInstall(const spec::ImageSpec& resolved, const spec::HostEnvironment& host,
                                        const DockerfileOptions& options, bool virtualEnvironment,
                                        bool readFiles);

} // namespace slipway::build

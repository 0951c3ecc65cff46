#include "spec/validator.h"

#include "spec/ignorerules.h"
#include "spec/spechash.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace slipway::spec {

namespace {

// flytekit's registry pattern, restricted to ASCII (Python's \w would also accept any Unicode letter,
// which no registry host accepts).
const QRegularExpression& registryPattern() {
    static const QRegularExpression pattern(
        QStringLiteral("\\A(localhost:\\d{1,5}|([a-z\\d._-]+)(:\\d{1,5})?)(/[A-Za-z0-9_.-]+)*\\z"));
    return pattern;
}

// Docker's repository path rule for the name part.
const QRegularExpression& repositoryNamePattern() {
    static const QRegularExpression pattern(
        QStringLiteral("\\A[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*\\z"));
    return pattern;
}

const QRegularExpression& dockerTagPattern() {
    static const QRegularExpression pattern(QStringLiteral("\\A[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}\\z"));
    return pattern;
}

QString quoted(const PyValue& value) {
    return value.isStr() ? QLatin1Char('"') + value.str() + QLatin1Char('"') : value.repr();
}

// A registry value the user probably meant, for the fix text.
QString registryFix(const QString& registry) {
    QString fixed = registry.trimmed();
    fixed.remove(QRegularExpression(QStringLiteral("\\A[a-zA-Z][a-zA-Z0-9+.-]*://")));
    while (fixed.endsWith(QLatin1Char('/')))
        fixed.chop(1);
    const qsizetype slash = fixed.indexOf(QLatin1Char('/'));
    const qsizetype colon = fixed.lastIndexOf(QLatin1Char(':'));
    if (slash >= 0 && colon > slash)
        fixed = fixed.left(colon);
    fixed.remove(QRegularExpression(QStringLiteral("\\s")));
    return fixed.toLower();
}

QString registryProblem(const QString& registry) {
    if (registry.contains(QStringLiteral("://")))
        return QStringLiteral("drop the scheme");
    if (registry.endsWith(QLatin1Char('/')))
        return QStringLiteral("drop the trailing '/'");
    const qsizetype slash = registry.indexOf(QLatin1Char('/'));
    if (slash >= 0 && registry.lastIndexOf(QLatin1Char(':')) > slash)
        return QStringLiteral("the registry holds no tag (the tag is computed); drop it");
    if (registry.contains(QRegularExpression(QStringLiteral("\\s"))))
        return QStringLiteral("remove the whitespace");
    return QStringLiteral("write host[:port][/namespace…] with letters, digits, '.', '_' and '-'");
}

class Checker {
public:
    Checker(const ImageSpec& spec, const ImageSpec& resolvedSpec, const HostEnvironment* host)
        : m_spec(spec), m_resolved(resolvedSpec), m_host(host) {}

    Diagnostics run(bool constructionOnly) {
        checkName();
        checkRegistry();
        checkStringLists();
        checkSecretMounts();
        checkDicts();
        if (constructionOnly)
            return m_out;
        checkPythonVersion();
        checkCuda();
        checkPlatform();
        checkEnv();
        checkCopyMode();
        checkRequirements();
        checkCopy();
        checkTagFormat();
        checkPythonExec();
        checkBuilder();
        return m_out;
    }

private:
    PyValue value(Field field) const { return m_resolved.value(field); }
    PyValue written(Field field) const { return m_spec.value(field); }

    void add(Diagnostic diagnostic) {
        diagnostic.file = m_spec.origin().file;
        diagnostic.position = diagnostic.field
                                  ? m_spec.origin().fields[static_cast<size_t>(*diagnostic.field)]
                                  : m_spec.origin().position;
        if (diagnostic.position.line == 0)
            diagnostic.position = m_spec.origin().position;
        m_out.append(std::move(diagnostic));
    }
    void error(Field field, const QString& message, const QString& fix = {}) {
        add(makeError(field, fieldName(field) + QLatin1Char(' ') + message, fix));
    }
    void warning(Field field, const QString& message, const QString& fix = {}) {
        add(makeWarning(field, fieldName(field) + QLatin1Char(' ') + message, fix));
    }

    void checkName() {
        const PyValue name = value(Field::Name);
        if (!name.isStr()) {
            error(Field::Name, QStringLiteral("%1 must be a string").arg(name.repr()),
                  QStringLiteral("write the repository name, e.g. name: my-image"));
            return;
        }
        if (!repositoryNamePattern().match(name.str()).hasMatch())
            error(Field::Name,
                  QStringLiteral("%1 is not a valid image repository name").arg(quoted(written(Field::Name))),
                  QStringLiteral("use lower-case letters, digits and single '.', '_' or '-' between them, "
                                 "e.g. %1")
                      .arg(name.str().toLower().replace(QRegularExpression(QStringLiteral("[^a-z0-9/._-]+")),
                                                        QStringLiteral("-"))));
    }

    void checkRegistry() {
        const PyValue registry = value(Field::Registry);
        if (!registry.truthy())
            return;
        if (!registry.isStr()) {
            error(Field::Registry, QStringLiteral("%1 must be a string").arg(registry.repr()),
                  QStringLiteral("e.g. registry: ghcr.io/my-org"));
            return;
        }
        if (!registryPattern().match(registry.str()).hasMatch())
            error(Field::Registry,
                  QStringLiteral("%1: %2").arg(quoted(written(Field::Registry)),
                                               registryProblem(registry.str())),
                  registryFix(written(Field::Registry).str()));
    }

    void checkStringLists() {
        for (Field field :
             {Field::Packages, Field::CondaChannels, Field::CondaPackages, Field::AptPackages,
              Field::PipExtraIndexUrl, Field::Entrypoint, Field::Commands, Field::RuntimePackages}) {
            const PyValue list = value(field);
            if (list.isNone() || list.isStringList())
                continue;
            if (list.isStr()) {
                const bool looksLikeFile =
                    list.str().endsWith(QLatin1String(".txt")) || list.str().endsWith(QLatin1String(".lock"));
                if (field == Field::Packages && looksLikeFile)
                    error(field,
                          QStringLiteral("%1 is a file name, but packages lists package names")
                              .arg(quoted(list)),
                          QStringLiteral("use requirements: %1").arg(list.str()));
                else
                    error(field,
                          QStringLiteral("%1 is a single string, but a list is expected").arg(quoted(list)),
                          QStringLiteral("write it as a list: %1: [%2]").arg(fieldName(field), list.str()));
                continue;
            }
            if (!list.isList()) {
                error(field,
                      QStringLiteral("%1 is a %2, but a list of strings is expected")
                          .arg(list.repr(), list.typeName()),
                      QStringLiteral("write it as a list of strings"));
                continue;
            }
            for (const PyValue& item : list.items()) {
                if (!item.isStr()) {
                    error(field,
                          QStringLiteral("item %1 is a %2, but every item must be a string")
                              .arg(item.repr(), item.typeName()),
                          item.kind() == PyValue::Kind::Float || item.kind() == PyValue::Kind::Int
                              ? QStringLiteral("quote it: \"%1\"").arg(item.repr())
                              : QStringLiteral("write the item as a string"));
                    break;
                }
            }
        }
    }

    void checkSecretMounts() {
        const PyValue mounts = value(Field::PipSecretMounts);
        if (mounts.isNone())
            return;
        bool ok = mounts.isList();
        for (const PyValue& item : mounts.items()) {
            ok = ok && item.kind() == PyValue::Kind::Tuple && item.items().size() == 2 &&
                 item.items()[0].isStr() && item.items()[1].isStr();
        }
        if (!ok)
            error(Field::PipSecretMounts,
                  QStringLiteral("%1 must be a list of (local file, mount target) tuples").arg(mounts.repr()),
                  QStringLiteral("in Python: pip_secret_mounts=[(\".netrc\", \"/root/.netrc\")]; YAML cannot "
                                 "express tuples"));
    }

    void checkDicts() {
        for (Field field : {Field::BuilderOptions, Field::BuilderConfig, Field::Env}) {
            const PyValue dict = value(field);
            if (!dict.isNone() && !dict.isDict())
                error(field, QStringLiteral("%1 must be a mapping").arg(dict.repr()),
                      QStringLiteral("write it as key: value pairs"));
        }
    }

    void checkPythonVersion() {
        const PyValue version = written(Field::PythonVersion);
        if (version.isNone()) {
            warning(Field::PythonVersion,
                    QStringLiteral("is not set: flytekit uses the Python version of the machine "
                                   "that builds, so images differ between machines"),
                    QStringLiteral("set it, e.g. python_version: \"3.11\""));
        } else if (version.kind() == PyValue::Kind::Float || version.kind() == PyValue::Kind::Int) {
            warning(Field::PythonVersion,
                    QStringLiteral("%1 is a number, not a string: flytekit hashes and installs Python %1")
                        .arg(version.repr()),
                    QStringLiteral("quote it: python_version: \"%1\"").arg(version.repr()));
        } else if (version.isStr() && !QRegularExpression(QStringLiteral("\\A3\\.\\d+(\\.\\d+)?\\z"))
                                           .match(version.str())
                                           .hasMatch()) {
            warning(Field::PythonVersion,
                    QStringLiteral("%1 does not look like a Python version").arg(quoted(version)),
                    QStringLiteral("write major.minor, e.g. \"3.11\""));
        }
    }

    bool defaultBuilder() const {
        const PyValue builder = value(Field::Builder);
        return builder.isNone() || (builder.isStr() && builder.str() == QLatin1String("default"));
    }

    void checkCuda() {
        for (Field field : {Field::Cuda, Field::Cudnn}) {
            const PyValue version = value(field);
            if (version.isNone() || !defaultBuilder())
                continue;
            error(
                field,
                QStringLiteral("%1 is not supported by flytekit's default builder").arg(quoted(version)),
                QStringLiteral(
                    "remove it and use a CUDA base image (e.g. nvidia/cuda:12.6.1-cudnn-runtime-ubuntu22.04 "
                    "with python_exec), or CUDA wheels from PyPI"));
        }
    }

    void checkPlatform() {
        const PyValue platform = value(Field::Platform);
        if (!platform.isStr()) {
            error(Field::Platform, QStringLiteral("%1 must be a string").arg(platform.repr()),
                  QStringLiteral("e.g. platform: linux/amd64"));
            return;
        }
        static const QRegularExpression one(QStringLiteral("\\A[a-z0-9]+/[a-z0-9_]+(/[a-z0-9]+)?\\z"));
        for (const QString& part : platform.str().split(QLatin1Char(','))) {
            if (!one.match(part).hasMatch()) {
                error(Field::Platform, QStringLiteral("\"%1\" is not a platform").arg(part),
                      QStringLiteral(
                          "write os/architecture, e.g. linux/amd64 or linux/arm64, comma-separated"));
                return;
            }
        }
    }

    void checkEnv() {
        // Named: a range-for over a member of a temporary dangles before C++23's lifetime extension.
        const PyValue env = value(Field::Env);
        for (const auto& [key, entry] : env.entries()) {
            if (!key.isStr())
                error(Field::Env, QStringLiteral("key %1 must be a string").arg(key.repr()),
                      QStringLiteral("quote it"));
            else if (!entry.isStr())
                warning(
                    Field::Env,
                    QStringLiteral("%1 is %2, not a string: the image gets %1=%3")
                        .arg(key.str(), entry.repr(), entry.isNone() ? QStringLiteral("None") : entry.repr()),
                    QStringLiteral("quote the value: %1: \"%2\"").arg(key.str(), entry.repr().toLower()));
            else if (entry.str().contains(QRegularExpression(QStringLiteral("\\s"))))
                warning(
                    Field::Env,
                    QStringLiteral("%1 contains whitespace; flytekit writes ENV without quotes, which breaks "
                                   "the Dockerfile")
                        .arg(key.str()),
                    QStringLiteral("avoid spaces in environment values"));
        }
    }

    void checkCopyMode() {
        const PyValue mode = value(Field::SourceCopyMode);
        const PyValue root = value(Field::SourceRoot);
        if (mode.isStr()) {
            warning(Field::SourceCopyMode,
                    QStringLiteral("%1 is a string, not CopyFileDetection").arg(quoted(mode)),
                    QStringLiteral("use CopyFileDetection.ALL / LOADED_MODULES / NO_COPY"));
            return;
        }
        if (mode.kind() != PyValue::Kind::CopyMode)
            return;
        if (mode.copyMode() == CopyMode::NoCopy)
            return;
        if (!root.truthy()) {
            error(
                Field::SourceRoot,
                QStringLiteral("is %1 but source_copy_mode %2 copies from it").arg(root.repr(), mode.repr()),
                QStringLiteral("set source_root, or source_copy_mode: NO_COPY"));
            return;
        }
        if (!root.isStr())
            return;
        const bool relative = !QDir::isAbsolutePath(root.str());
        if (mode.copyMode() == CopyMode::LoadedModules) {
            if (relative)
                warning(Field::SourceCopyMode,
                        QStringLiteral("is LOADED_MODULES (the default with source_root): with the relative "
                                       "source_root \"%1\" flytekit copies no files")
                            .arg(root.str()),
                        QStringLiteral("set source_copy_mode: ALL to copy the folder"));
            else
                error(Field::SourceCopyMode,
                      QStringLiteral(
                          "is LOADED_MODULES: the files depend on what a running Python program imported, "
                          "so neither the tag nor the image can be known ahead"),
                      QStringLiteral("set source_copy_mode: ALL"));
            return;
        }
        if (!m_host)
            return;
        const QString absoluteRoot = m_host->resolvePath(root.str());
        if (!QFileInfo(absoluteRoot).isDir()) {
            error(Field::SourceRoot,
                  QStringLiteral("\"%1\" is not a folder (looked at %2)").arg(root.str(), absoluteRoot),
                  QStringLiteral("create it or fix the path; relative paths start at %1")
                      .arg(m_host->workingDirectory));
            return;
        }
        if (relative) {
            const DockerIgnoreMatcher matcher = DockerIgnoreMatcher::fromRoot(absoluteRoot);
            if (!matcher.isEmpty())
                warning(Field::SourceRoot,
                        QStringLiteral(
                            "\"%1\" is relative: flytekit matches its .dockerignore patterns against paths "
                            "starting with \"%1/\", so patterns like *.log or notes.txt exclude nothing")
                            .arg(root.str()),
                        QStringLiteral("write patterns as **/*.log, or use an absolute source_root"));
        }
    }

    void checkRequirements() {
        const PyValue requirements = value(Field::Requirements);
        if (!requirements.truthy() || !m_host)
            return;
        if (!requirements.isStr()) {
            error(Field::Requirements, QStringLiteral("%1 must be a file path").arg(requirements.repr()));
            return;
        }
        const QString path = m_host->resolvePath(requirements.str());
        if (!QFileInfo(path).isFile()) {
            error(Field::Requirements,
                  QStringLiteral("\"%1\" does not exist (looked at %2)").arg(requirements.str(), path),
                  QStringLiteral("create the file or fix the path; relative paths start at %1")
                      .arg(m_host->workingDirectory));
            return;
        }
        const QString baseName = QFileInfo(path).fileName();
        if (baseName == QLatin1String("uv.lock") || baseName == QLatin1String("poetry.lock")) {
            if (!QFileInfo::exists(QFileInfo(path).dir().filePath(QStringLiteral("pyproject.toml"))))
                error(Field::Requirements,
                      QStringLiteral("%1 needs a pyproject.toml in the same folder").arg(baseName),
                      QStringLiteral("put pyproject.toml next to %1").arg(requirements.str()));
            if (!value(Field::Packages).isNone())
                error(Field::Packages, QStringLiteral("cannot be combined with %1").arg(baseName),
                      QStringLiteral("add the packages to pyproject.toml and re-lock"));
        }
    }

    void checkCopy() {
        const PyValue copy = value(Field::Copy);
        if (copy.isNone())
            return;
        if (!copy.isStringList()) {
            error(Field::Copy, QStringLiteral("%1 must be a list of relative paths").arg(copy.repr()),
                  QStringLiteral("e.g. copy: [data/, config.json]"));
            return;
        }
        for (const QString& entry : copy.toStringList()) {
            if (QDir::isAbsolutePath(entry) || entry.split(QLatin1Char('/')).contains(QStringLiteral(".."))) {
                error(Field::Copy,
                      QStringLiteral("\"%1\": absolute paths and '..' are not allowed").arg(entry),
                      QStringLiteral("use a path inside the project, relative to it"));
                continue;
            }
            if (!m_host)
                continue;
            const QString path = m_host->resolvePath(entry);
            if (entry.endsWith(QLatin1Char('/')) && QFileInfo(path).isFile())
                warning(
                    Field::Copy,
                    QStringLiteral("\"%1\" names a file with a trailing '/': flytekit skips it").arg(entry),
                    QStringLiteral("drop the trailing '/'"));
            else if (!QFileInfo::exists(path))
                warning(Field::Copy,
                        QStringLiteral("\"%1\" does not exist; flytekit skips it silently").arg(entry),
                        QStringLiteral("create it or remove it from copy"));
        }
    }

    void checkTagFormat() {
        const PyValue format = value(Field::TagFormat);
        if (!format.truthy())
            return;
        if (!format.isStr()) {
            error(Field::TagFormat, QStringLiteral("%1 must be a string").arg(format.repr()));
            return;
        }
        auto tag = applyTagFormat(format.str(), QStringLiteral("AAAAAAAAAAAAAAAAAAAAAA"));
        if (!tag) {
            add(makeError(Field::TagFormat, tag.error().message, tag.error().fix));
            return;
        }
        if (!dockerTagPattern().match(*tag).hasMatch())
            error(
                Field::TagFormat,
                QStringLiteral("\"%1\" gives tags like \"%2\", which Docker rejects").arg(format.str(), *tag),
                QStringLiteral("tags may hold letters, digits, '_', '.' and '-' (at most 128)"));
    }

    void checkPythonExec() {
        if (value(Field::PythonExec).isNone())
            return;
        for (Field field : {Field::CondaPackages, Field::CondaChannels}) {
            if (value(field).truthy())
                error(field, QStringLiteral("cannot be used with python_exec"),
                      QStringLiteral("remove %1, or drop python_exec to get a micromamba environment")
                          .arg(fieldName(field)));
        }
    }

    void checkBuilder() {
        const PyValue builder = value(Field::Builder);
        static const QStringList known{QStringLiteral("default"), QStringLiteral("envd"),
                                       QStringLiteral("noop"), QStringLiteral("union"),
                                       QStringLiteral("unionai")};
        if (builder.isStr() && !known.contains(builder.str()))
            warning(Field::Builder,
                    QStringLiteral("\"%1\" is not a builder flytekit knows").arg(builder.str()),
                    QStringLiteral("use default, envd, noop or union"));
        if (!value(Field::RegistryConfig).isNone() && defaultBuilder())
            warning(Field::RegistryConfig,
                    QStringLiteral("is only used by the envd builder; the default builder ignores it"));
    }

    const ImageSpec& m_spec;
    const ImageSpec& m_resolved;
    const HostEnvironment* m_host;
    Diagnostics m_out;
};

} // namespace

Diagnostics validateSpec(const ImageSpec& spec, const HostEnvironment& host) {
    const ImageSpec resolvedSpec = spec.resolved(host);
    Diagnostics diagnostics = Checker(spec, resolvedSpec, &host).run(false);
    if (const ImageSpec* base = spec.value(Field::BaseImage).spec()) {
        for (Diagnostic diagnostic : validateSpec(*base, host)) {
            diagnostic.message = QStringLiteral("base_image spec: ") + diagnostic.message;
            diagnostics.append(diagnostic);
        }
    }
    return diagnostics;
}

Diagnostics constructionErrors(const ImageSpec& resolvedSpec) {
    return Checker(resolvedSpec, resolvedSpec, nullptr).run(true);
}

} // namespace slipway::spec

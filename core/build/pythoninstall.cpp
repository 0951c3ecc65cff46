#include "build/pythoninstall.h"

#include "build/fieldvalues.h"
#include "build/pytext.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringDecoder>

namespace slipway::build {

namespace {

using spec::Field;

enum class RequirementsKind { None, Text, UvLock, PoetryLock };

steps::Flavour flavourOf(const DockerfileOptions& options) {
    return {options.dialect, options.installer};
}

Error missingFile(const QString& what, const QString& path, const spec::HostEnvironment& host) {
    return Error{QStringLiteral("build.missingFile"),
                 QStringLiteral("%1 %2 does not exist").arg(what, path),
                 QStringLiteral("Fix the path; relative paths start at %1").arg(host.workingDirectory),
                 {}};
}

// The args flytekit gives every installer: index URLs, then pip_extra_args; and the secrets mounted.
Result<steps::InstallArguments> installArguments(const spec::ImageSpec& resolved,
                                                 const spec::HostEnvironment& host,
                                                 const DockerfileOptions& options,
                                                 QList<BuildSecret>& secretFiles) {
    steps::InstallArguments install;
    if (const spec::PyValue index = resolved.value(Field::PipIndex); index.truthy())
        install.args.append(QStringLiteral("--index-url ") + pyStr(index));
    const auto extraIndexUrls = stringListField(resolved, Field::PipExtraIndexUrl);
    if (!extraIndexUrls)
        return std::unexpected(extraIndexUrls.error());
    for (const QString& url : *extraIndexUrls)
        install.args.append(QStringLiteral("--extra-index-url ") + url);

    const spec::PyValue secrets = resolved.value(Field::PipSecretMounts);
    if (secrets.truthy()) {
        if (options.dialect == DockerfileDialect::Classic)
            return fail(
                QStringLiteral("build.secretsNeedBuildKit"),
                QStringLiteral("pip_secret_mounts need BuildKit: the classic builder cannot mount secrets"),
                QStringLiteral("Build with BuildKit, or remove pip_secret_mounts and use a public index"));
        const auto badSecrets = [&] {
            return wrongType(Field::PipSecretMounts, secrets,
                             QStringLiteral("a list of (source, target) tuples"),
                             QStringLiteral("[(\"/home/me/.netrc\", \"/root/.netrc\")]"));
        };
        if (secrets.kind() != spec::PyValue::Kind::List && secrets.kind() != spec::PyValue::Kind::Tuple)
            return badSecrets();
        QStringList mounts;
        for (const spec::PyValue& pair : secrets.items()) {
            if (pair.kind() != spec::PyValue::Kind::Tuple || pair.items().size() != 2)
                return badSecrets();
            const QString id = QStringLiteral("secret_%1").arg(mounts.size());
            mounts.append(
                QStringLiteral("--mount=type=secret,id=%1,target=%2").arg(id, pyStr(pair.items().at(1))));
            secretFiles.append({id, QDir::cleanPath(host.resolvePath(pyStr(pair.items().at(0))))});
        }
        install.secretMount = mounts.join(u' ');
    }

    if (const spec::PyValue extraArgs = resolved.value(Field::PipExtraArgs); extraArgs.truthy())
        install.args.append(pyStr(extraArgs));
    return install;
}

RequirementsKind requirementsKind(const QString& path) {
    if (path.isEmpty())
        return RequirementsKind::None;
    const QString basename = path.section(u'/', -1);
    if (basename == QLatin1String(steps::kUvLockFile))
        return RequirementsKind::UvLock;
    if (basename == QLatin1String(steps::kPoetryLockFile))
        return RequirementsKind::PoetryLock;
    return RequirementsKind::Text;
}

// flytekit's `_copy_lock_files_into_context`: the lock file and the pyproject.toml beside it.
Result<QList<ContextEntry>> lockFileEntries(const spec::ImageSpec& resolved,
                                            const spec::HostEnvironment& host, const QString& path,
                                            const QString& lockName) {
    if (!resolved.value(Field::Packages).isNone())
        return fail(
            QStringLiteral("build.lockWithPackages"),
            QStringLiteral("Support for %1 files and packages is mutually exclusive").arg(lockName),
            QStringLiteral("Add the packages to pyproject.toml and the lock file, and remove packages"));
    const QString lockPath = QDir::cleanPath(host.resolvePath(path));
    if (!QFileInfo(lockPath).isFile())
        return std::unexpected(missingFile(QStringLiteral("requirements file"), path, host));
    const QString pyproject =
        QDir::cleanPath(QFileInfo(lockPath).dir().filePath(QLatin1String(steps::kPyprojectFile)));
    if (!QFileInfo::exists(pyproject))
        return fail(
            QStringLiteral("build.missingPyproject"),
            QStringLiteral("To use %1, a pyproject.toml file must be in the same directory as the lock file")
                .arg(lockName),
            QStringLiteral("Put the project's pyproject.toml next to %1").arg(path));
    return QList<ContextEntry>{{lockName, lockPath, {}, false},
                               {QString::fromLatin1(steps::kPyprojectFile), pyproject, {}, false}};
}

// `[line.strip() for line in open(path).readlines()]`: universal newlines, blank lines kept.
Result<QStringList> readRequirementLines(const QString& path, const spec::HostEnvironment& host) {
    QFile file(host.resolvePath(path));
    if (!file.exists())
        return std::unexpected(missingFile(QStringLiteral("requirements file"), path, host));
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("build.unreadableFile"),
                    QStringLiteral("Cannot read requirements file %1: %2").arg(path, file.errorString()),
                    QStringLiteral("Check the file's permissions"));
    // Python keeps a byte order mark as U+FEFF in the first requirement; so do we.
    QStringDecoder decoder(QStringConverter::Utf8,
                           QStringConverter::Flag::ConvertInitialBom | QStringConverter::Flag::Stateless);
    QString text = decoder.decode(file.readAll());
    if (decoder.hasError())
        return fail(QStringLiteral("build.unreadableFile"),
                    QStringLiteral("Requirements file %1 is not UTF-8 text").arg(path),
                    QStringLiteral("Save it as UTF-8"));
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    text.replace(u'\r', u'\n');
    QStringList lines = text.split(u'\n');
    if (lines.last().isEmpty())
        lines.removeLast(); // readlines() gives no line after a final newline
    for (QString& line : lines)
        line = pyStrip(line);
    return lines;
}

// flytekit's `_is_flytekit`: the leading `[\w-]+` token is exactly "flytekit".
bool namesFlytekit(const QString& requirement) {
    static const QRegularExpression name(QStringLiteral("^[\\w-]+"),
                                         QRegularExpression::UseUnicodePropertiesOption);
    const QRegularExpressionMatch match = name.match(requirement);
    return match.hasMatch() && match.captured() == QLatin1String("flytekit");
}

// flytekit's `get_flytekit_for_pypi`: a development version is not on PyPI, so it is left unpinned.
QString flytekitRequirement(const QString& version) {
    if (version.isEmpty() || version.contains(QLatin1String("dev")))
        return QStringLiteral("flytekit");
    return QStringLiteral("flytekit==") + version;
}

} // namespace

Result<PythonInstall> planPythonInstall(const spec::ImageSpec& resolved, const spec::HostEnvironment& host,
                                        const DockerfileOptions& options, bool virtualEnvironment,
                                        bool readFiles) {
    const steps::Flavour flavour = flavourOf(options);
    PythonInstall result;
    auto install = installArguments(resolved, host, options, result.secrets);
    if (!install)
        return std::unexpected(install.error());
    install->python = QString::fromLatin1(virtualEnvironment ? steps::kVenvPython : steps::kMicromambaPython);

    const spec::PyValue requirementsValue = resolved.value(Field::Requirements);
    const QString requirementsPath = requirementsValue.truthy() ? pyStr(requirementsValue) : QString();
    const RequirementsKind kind = requirementsKind(requirementsPath);

    if (kind == RequirementsKind::UvLock || kind == RequirementsKind::PoetryLock) {
        const bool uvLock = kind == RequirementsKind::UvLock;
        if (uvLock && !flavour.uv())
            return fail(
                QStringLiteral("build.uvLockNeedsUv"), QStringLiteral("uv.lock needs the uv installer"),
                QStringLiteral("Build with the uv installer, or export the lock to a requirements file "
                               "(uv export --format requirements-txt)"));
        const QString lockName = QString::fromLatin1(uvLock ? steps::kUvLockFile : steps::kPoetryLockFile);
        auto entries = lockFileEntries(resolved, host, requirementsPath, lockName);
        if (!entries)
            return std::unexpected(entries.error());
        result.entries = *entries;
        if (uvLock)
            result.warnings.append(QStringLiteral("uv.lock support is experimental"));
        else if (resolved.value(Field::PipIndex).truthy() || resolved.value(Field::PipExtraIndexUrl).truthy())
            result.warnings.append(QStringLiteral(
                "flytekit passes pip_index and pip_extra_index_url to `poetry install`, which rejects "
                "--index-url and --extra-index-url: declare the index as a source in pyproject.toml "
                "instead"));
        result.step =
            uvLock ? steps::uvLockInstall(flavour, *install) : steps::poetryInstall(flavour, *install);
        return result;
    }

    QStringList requirements;
    if (kind == RequirementsKind::Text) {
        if (readFiles) {
            auto lines = readRequirementLines(requirementsPath, host);
            if (!lines)
                return std::unexpected(lines.error());
            requirements = *lines;
        } else if (!QFileInfo::exists(host.resolvePath(requirementsPath))) {
            return std::unexpected(missingFile(QStringLiteral("requirements file"), requirementsPath, host));
        }
    }
    const auto packages = stringListField(resolved, Field::Packages);
    if (!packages)
        return std::unexpected(packages.error());
    requirements.append(*packages);
    if (options.addFlytekit && std::none_of(requirements.cbegin(), requirements.cend(), namesFlytekit))
        requirements.append(flytekitRequirement(options.flytekitVersion));
    if (readFiles)
        result.entries.append(
            {QString::fromLatin1(steps::kRequirementsFile), {}, requirements.join(u'\n').toUtf8(), false});

    if (virtualEnvironment && flavour.uv())
        install->args.prepend(QStringLiteral("--python ") + install->python);
    result.step = steps::requirementsInstall(flavour, *install);
    return result;
}

} // namespace slipway::build

#include "project/projectscanner.h"

#include "project/specyamldetector.h"
#include "spec/pythonimporter.h"
#include "spec/validator.h"
#include "spec/yamlspec.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <algorithm>
#include <optional>

namespace slipway::project {

namespace {

// ImageSpec YAML is a few hundred bytes and Python modules rarely pass a megabyte; anything larger is
// data or generated code, and reading it would only slow the walk.
constexpr qint64 kMaxYamlBytes = 1 << 20;
constexpr qint64 kMaxPythonBytes = 4 << 20;

struct Walk {
    QStringList candidates; // absolute paths of *.yaml, *.yml and *.py files
    int visited = 0;
    bool capped = false;
    bool cancelled = false;
};

bool isYaml(const QFileInfo& file) {
    const QString suffix = file.suffix().toLower();
    return suffix == QLatin1String("yaml") || suffix == QLatin1String("yml");
}

bool isPython(const QFileInfo& file) {
    return file.suffix().toLower() == QLatin1String("py");
}

// Depth first in name order, so the same tree always gives the same list and the same cut at the cap.
Walk walk(const QString& root, int fileLimit, const CancelFlag* cancel) {
    Walk result;
    QStringList pending{root};
    while (!pending.isEmpty()) {
        if (isCancelled(cancel)) {
            result.cancelled = true;
            return result;
        }
        const QDir dir(pending.takeLast());
        const QFileInfoList entries =
            dir.entryInfoList(QDir::Dirs | QDir::Files | QDir::NoDotAndDotDot, QDir::Name | QDir::DirsLast);
        QStringList subdirectories;
        for (const QFileInfo& entry : entries) {
            if (entry.isDir()) {
                if (!ProjectScanner::isSkippedDirectory(entry))
                    subdirectories.append(entry.absoluteFilePath());
                continue;
            }
            if (result.visited == fileLimit) {
                result.capped = true;
                return result;
            }
            ++result.visited;
            if (isYaml(entry) || isPython(entry))
                result.candidates.append(entry.absoluteFilePath());
        }
        std::reverse(subdirectories.begin(), subdirectories.end());
        pending.append(subdirectories);
    }
    return result;
}

// Diagnostics point at the file as the user sees it in the project, and at the argument's line when
// the check that produced them did not know it.
void locate(spec::Diagnostics& diagnostics, const QString& relativePath, const spec::ImageSpec* spec) {
    for (spec::Diagnostic& diagnostic : diagnostics) {
        diagnostic.file = relativePath;
        if (!spec || diagnostic.position.line > 0)
            continue;
        if (diagnostic.field)
            diagnostic.position = spec->origin().fields[static_cast<size_t>(*diagnostic.field)];
        if (diagnostic.position.line == 0)
            diagnostic.position = spec->origin().position;
    }
}

bool sameFinding(const spec::Diagnostic& a, const spec::Diagnostic& b) {
    return a.severity == b.severity && a.field == b.field && a.message == b.message;
}

// The loader and the validator both check some things (types, unknown values); say each once.
void appendNew(spec::Diagnostics& into, const spec::Diagnostics& more) {
    for (const spec::Diagnostic& diagnostic : more) {
        const bool known = std::any_of(into.cbegin(), into.cend(),
                                       [&](const spec::Diagnostic& d) { return sameFinding(d, diagnostic); });
        if (!known)
            into.append(diagnostic);
    }
}

// Specs whose tag flytekit itself could not compute; asking the hasher would only produce a wrong one.
// Only what stops flytekit from loading or constructing the spec counts: other errors (a cuda build
// with the default builder, say) still leave a tag that flytekit would compute and push.
QString whyNoReference(const spec::Diagnostics& loading, const spec::ImageSpec& spec, bool complete,
                       const spec::HostEnvironment& host) {
    for (const spec::Diagnostic& diagnostic : loading) {
        if (diagnostic.isError())
            return QStringLiteral("flytekit cannot load this spec: %1").arg(diagnostic.message);
    }
    const spec::Diagnostics rejected = spec::constructionErrors(spec.resolved(host));
    if (!rejected.isEmpty())
        return QStringLiteral("flytekit rejects this spec: %1").arg(rejected.first().message);
    if (!complete) {
        return QStringLiteral("an argument is computed when the Python file runs, so the tag cannot be known "
                              "without running it");
    }
    return {};
}

SpecEntry makeEntry(QString variable, spec::ImageSpec spec, bool complete, spec::Diagnostics loading,
                    const spec::HostEnvironment& host, const QString& relativePath) {
    SpecEntry entry{std::move(variable), std::move(spec), complete, {}, {}};
    entry.noReferenceReason = whyNoReference(loading, entry.spec, complete, host);
    entry.diagnostics = std::move(loading);
    appendNew(entry.diagnostics, spec::validateSpec(entry.spec, host));
    locate(entry.diagnostics, relativePath, &entry.spec);
    return entry;
}

std::optional<ProjectFile> readYaml(const QString& path, const QByteArray& text, const QString& relativePath,
                                    const spec::HostEnvironment& host) {
    if (!looksLikeSpecYaml(text))
        return std::nullopt;
    spec::SpecLoadResult loaded = spec::loadSpecYaml(text, path);
    ProjectFile file{relativePath, SpecSource::Yaml, {}, {}};
    if (loaded.spec) {
        file.specs.append(
            makeEntry({}, std::move(*loaded.spec), true, std::move(loaded.diagnostics), host, relativePath));
    } else {
        file.diagnostics = std::move(loaded.diagnostics);
        locate(file.diagnostics, relativePath, nullptr);
    }
    return file;
}

std::optional<ProjectFile> readPython(const QString& path, const QByteArray& source,
                                      const QString& relativePath, const spec::HostEnvironment& host) {
    if (!source.contains("ImageSpec"))
        return std::nullopt;
    spec::PythonImportResult imported = spec::importSpecsFromPython(source, path);
    // A module that only imports or mentions ImageSpec is not a spec file; one that fails to parse is.
    if (imported.specs.isEmpty() && !spec::hasErrors(imported.diagnostics))
        return std::nullopt;
    ProjectFile file{relativePath, SpecSource::Python, {}, std::move(imported.diagnostics)};
    locate(file.diagnostics, relativePath, nullptr);
    for (spec::ImportedSpec& found : imported.specs)
        file.specs.append(
            makeEntry(found.variable, std::move(found.spec), found.complete, {}, host, relativePath));
    return file;
}

} // namespace

ProjectScanner::ProjectScanner(QString folder, int fileLimit)
    : m_folder(QDir::cleanPath(QDir(folder).absolutePath())), m_fileLimit(fileLimit) {}

spec::HostEnvironment ProjectScanner::hostFor(const QString& folder) {
    spec::HostEnvironment host = spec::HostEnvironment::current();
    host.workingDirectory = QDir::cleanPath(QDir(folder).absolutePath());
    return host;
}

bool ProjectScanner::isSkippedDirectory(const QFileInfo& directory) {
    static const QSet<QString> toolFolders{
        QStringLiteral("__pycache__"),   QStringLiteral("node_modules"), QStringLiteral("venv"),
        QStringLiteral("site-packages"), QStringLiteral("build"),        QStringLiteral("dist"),
    };
    const QString name = directory.fileName();
    if (name.startsWith(QLatin1Char('.')) || toolFolders.contains(name) ||
        name.endsWith(QLatin1String(".egg-info")))
        return true;
    // Symlinked folders can loop back into the project.
    if (directory.isSymLink())
        return true;
    // Virtualenvs and CMake build trees go by any name; their marker files give them away.
    const QDir dir(directory.absoluteFilePath());
    return dir.exists(QStringLiteral("pyvenv.cfg")) || dir.exists(QStringLiteral("CMakeCache.txt"));
}

ProjectScan ProjectScanner::scan(const CancelFlag* cancel) const {
    ProjectScan result;
    result.folder = m_folder;
    result.host = hostFor(m_folder);

    const Walk found = walk(m_folder, m_fileLimit, cancel);
    result.filesVisited = found.visited;
    result.capped = found.capped;
    result.cancelled = found.cancelled;

    const QDir root(m_folder);
    QSet<QString> specFolders{m_folder};
    for (const QString& path : found.candidates) {
        if (isCancelled(cancel)) {
            result.cancelled = true;
            break;
        }
        const QFileInfo info(path);
        const QString relativePath = root.relativeFilePath(path);
        if (info.size() > (isPython(info) ? kMaxPythonBytes : kMaxYamlBytes)) {
            result.notes.append(QStringLiteral("%1: passed over, %2 KiB is too large for a spec file")
                                    .arg(relativePath)
                                    .arg(info.size() / 1024));
            continue;
        }
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            result.notes.append(QStringLiteral("%1: cannot read (%2)").arg(relativePath, file.errorString()));
            continue;
        }
        const QByteArray text = file.readAll();
        std::optional<ProjectFile> projectFile = isPython(info)
                                                     ? readPython(path, text, relativePath, result.host)
                                                     : readYaml(path, text, relativePath, result.host);
        if (!projectFile)
            continue;
        specFolders.insert(info.absolutePath());
        result.files.append(std::move(*projectFile));
    }

    std::sort(result.files.begin(), result.files.end(),
              [](const ProjectFile& a, const ProjectFile& b) { return a.path < b.path; });
    result.watchedFolders = QStringList(specFolders.cbegin(), specFolders.cend());
    result.watchedFolders.sort();
    return result;
}

} // namespace slipway::project

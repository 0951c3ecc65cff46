#include "spec/specdocument.h"

#include "spec/validator.h"
#include "spec/yamldocument.h"
#include "spec/yamlpatch.h"
#include "spec/yamlspec.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QSaveFile>

namespace slipway::spec {

namespace {

Error writeError(const QString& path, const QString& reason, QString fix) {
    return Error{QStringLiteral("spec.yaml.write"),
                 QStringLiteral("cannot save %1: %2").arg(QDir::toNativeSeparators(path), reason),
                 std::move(fix),
                 {}};
}

} // namespace

SpecDocument::SpecDocument(const HostEnvironment& host, QObject* parent)
    : QObject(parent), m_host(host), m_watcher(new QFileSystemWatcher(this)) {
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, &SpecDocument::onFileChanged);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, &SpecDocument::onFileChanged);
}

Result<void> SpecDocument::openYaml(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(
            QStringLiteral("spec.yaml.read"),
            QStringLiteral("cannot read %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()),
            QStringLiteral("check that the file exists and that you may read it"));
    const QString text = QString::fromUtf8(file.read(kYamlMaxBytes + 1));
    m_source = Source::Yaml;
    m_path = QFileInfo(path).absoluteFilePath();
    m_variable.clear();
    m_importDiagnostics.clear();
    m_removed = false;
    m_text = text;
    setSavedText(text);
    watch();
    reparse();
    Q_EMIT filePathChanged();
    Q_EMIT textChanged();
    return {};
}

void SpecDocument::openPython(const QString& path, const QString& variable, const ImageSpec& spec,
                              const Diagnostics& diagnostics) {
    m_source = Source::Python;
    m_path = QFileInfo(path).absoluteFilePath();
    m_variable = variable;
    m_importDiagnostics = diagnostics;
    m_removed = false;
    const Result<QByteArray> yaml = saveSpecYaml(spec);
    m_text = yaml ? QString::fromUtf8(*yaml)
                  : QStringLiteral("# This ImageSpec cannot be written as YAML:\n# %1\n# Fix: %2\n")
                        .arg(yaml.error().message, yaml.error().fix);
    setSavedText(m_text);
    if (const QStringList watched = m_watcher->files() + m_watcher->directories(); !watched.isEmpty())
        m_watcher->removePaths(watched);
    m_spec = spec;
    m_syntaxError.reset();
    m_diagnostics = m_importDiagnostics;
    Q_EMIT filePathChanged();
    Q_EMIT textChanged();
    Q_EMIT specChanged();
    Q_EMIT diagnosticsChanged();
}

QString SpecDocument::displayPath() const {
    if (m_path.isEmpty())
        return {};
    const QString relative = QDir(m_host.workingDirectory).relativeFilePath(m_path);
    return relative.startsWith(QLatin1String("..")) ? QDir::toNativeSeparators(m_path) : relative;
}

void SpecDocument::setText(const QString& text) {
    if (text == m_text)
        return;
    const bool wasModified = isModified();
    m_text = text;
    if (!isReadOnly())
        reparse();
    Q_EMIT textChanged();
    if (wasModified != isModified())
        Q_EMIT modifiedChanged(isModified());
}

Result<QString> SpecDocument::textWithArgument(Field field, const std::optional<PyValue>& value) const {
    return setYamlArgument(m_text, field, value);
}

void SpecDocument::reparse() {
    const QByteArray utf8 = m_text.toUtf8();
    const QString fileName = displayPath();
    const YamlDocument document = readYamlDocument(utf8, fileName);
    SpecLoadResult loaded = loadSpecYaml(utf8, fileName);

    m_syntaxError.reset();
    for (const Diagnostic& diagnostic : document.diagnostics) {
        if (diagnostic.isError()) {
            m_syntaxError = diagnostic;
            break;
        }
    }
    if (!m_syntaxError && !loaded.spec) {
        for (const Diagnostic& diagnostic : loaded.diagnostics)
            if (diagnostic.isError()) {
                m_syntaxError = diagnostic;
                break;
            }
    }

    m_diagnostics = loaded.diagnostics;
    m_loadProblem.clear();
    for (const Diagnostic& diagnostic : std::as_const(loaded.diagnostics)) {
        if (diagnostic.isError()) {
            m_loadProblem = QStringLiteral("flytekit cannot load this spec: %1").arg(diagnostic.message);
            break;
        }
    }
    if (!m_syntaxError && loaded.spec) {
        m_diagnostics.append(validateSpec(*loaded.spec, m_host));
        const bool specDiffers = !(*loaded.spec == m_spec);
        m_spec = std::move(*loaded.spec);
        if (specDiffers)
            Q_EMIT specChanged();
    }
    Q_EMIT diagnosticsChanged();
}

Result<void> SpecDocument::save() {
    if (isReadOnly())
        return fail(QStringLiteral("spec.read-only"),
                    QStringLiteral("%1 is Python code; Slipway does not rewrite it").arg(displayPath()),
                    QStringLiteral("use Save As to write this ImageSpec as a YAML file"));
    const QString path = m_path;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return std::unexpected(
            writeError(path, file.errorString(),
                       QStringLiteral("check that the folder exists and that you may write to it")));
    const QByteArray bytes = m_text.toUtf8();
    if (file.write(bytes) != bytes.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return std::unexpected(writeError(path, reason, QStringLiteral("check the free disk space")));
    }
    // Known before the file changes, so the watcher does not take our own save for someone else's.
    const QString previous = m_savedText;
    setSavedText(m_text);
    if (!file.commit()) {
        setSavedText(previous);
        return std::unexpected(writeError(path, file.errorString(),
                                          QStringLiteral("check that you may write to the folder; the old "
                                                         "file is unchanged")));
    }
    m_removed = false;
    watch();
    Q_EMIT modifiedChanged(false);
    return {};
}

Result<void> SpecDocument::saveAs(const QString& path) {
    if (!isTextValid())
        return fail(QStringLiteral("spec.yaml.invalid"),
                    QStringLiteral("the YAML text has an error on line %1").arg(m_syntaxError->position.line),
                    QStringLiteral("fix the marked line before saving under a new name"));
    const Source oldSource = m_source;
    const QString oldPath = m_path;
    m_source = Source::Yaml;
    m_path = QFileInfo(path).absoluteFilePath();
    if (const Result<void> saved = save(); !saved) {
        m_source = oldSource;
        m_path = oldPath;
        watch();
        return saved;
    }
    m_variable.clear();
    m_importDiagnostics.clear();
    reparse();
    Q_EMIT filePathChanged();
    return {};
}

std::optional<QString> SpecDocument::readDisk() const {
    QFile file(m_path);
    if (m_path.isEmpty() || !file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return QString::fromUtf8(file.read(kYamlMaxBytes + 1));
}

void SpecDocument::adoptDiskText(const QString& diskText) {
    const bool wasModified = isModified();
    setSavedText(diskText);
    m_removed = false;
    watch();
    if (wasModified != isModified())
        Q_EMIT modifiedChanged(isModified());
}

void SpecDocument::setSavedText(const QString& text) {
    m_savedText = text;
    m_reportedDiskText.clear();
}

// The file and its folder: an atomic save replaces the file, which ends a watch on the file itself.
void SpecDocument::watch() {
    const QStringList watched = m_watcher->files() + m_watcher->directories();
    if (!watched.isEmpty())
        m_watcher->removePaths(watched);
    if (m_path.isEmpty() || m_source != Source::Yaml)
        return;
    if (QFileInfo::exists(m_path))
        m_watcher->addPath(m_path);
    m_watcher->addPath(QFileInfo(m_path).absolutePath());
}

void SpecDocument::onFileChanged() {
    const std::optional<QString> disk = readDisk();
    if (!disk) {
        if (!m_removed && !QFileInfo::exists(m_path)) {
            m_removed = true;
            Q_EMIT removedFromDisk();
        }
        return;
    }
    if (!m_watcher->files().contains(m_path))
        m_watcher->addPath(m_path);
    m_removed = false;
    // Reported once per new contents: the folder's watch also fires for the files beside it.
    if (*disk != m_savedText && *disk != m_reportedDiskText) {
        m_reportedDiskText = *disk;
        Q_EMIT changedOnDisk();
    }
}

} // namespace slipway::spec

#pragma once

#include "common/error.h"
#include "spec/diagnostic.h"
#include "spec/field.h"
#include "spec/imagespec.h"

#include <QObject>
#include <QString>
#include <optional>

class QFileSystemWatcher;

namespace slipway::spec {

// One ImageSpec open for editing. The YAML text is the document: the form's edits become text edits
// (so comments and key order survive) and typing in the text updates the spec. When the text does not
// read as a spec, it is kept as typed, the syntax error says where, and spec() stays the last valid
// state. Knows whether the text differs from the file, saves atomically, and notices when someone
// else changes the file. Has no undo of its own: every change arrives through setText(), which an
// undo stack in the GUI drives.
class SpecDocument : public QObject {
    Q_OBJECT

public:
    enum class Source { Yaml, Python };

    explicit SpecDocument(const HostEnvironment& host, QObject* parent = nullptr);

    // Reads a YAML spec file; fails when the file cannot be read (the document is unchanged then).
    Result<void> openYaml(const QString& path);
    // An ImageSpec of a .py file: read-only, shown as the YAML it would be, with the importer's findings.
    void openPython(const QString& path, const QString& variable, const ImageSpec& spec,
                    const Diagnostics& diagnostics);

    Source source() const { return m_source; }
    bool isReadOnly() const { return m_source == Source::Python; }
    QString filePath() const { return m_path; }
    QString displayPath() const; // relative to the project folder when inside it
    QString variable() const { return m_variable; }
    const HostEnvironment& host() const { return m_host; }

    QString text() const { return m_text; }
    void setText(const QString& text);
    // The text after setting (or, with no value, removing) one argument; what a form edit becomes.
    Result<QString> textWithArgument(Field field, const std::optional<PyValue>& value) const;

    const ImageSpec& spec() const { return m_spec; }
    bool isTextValid() const { return !m_syntaxError; }
    // Why the text does not read as a spec, with its line; empty when it does.
    const std::optional<Diagnostic>& syntaxError() const { return m_syntaxError; }
    // Loading and validation findings for the current text (the syntax error included).
    const Diagnostics& diagnostics() const { return m_diagnostics; }

    // Why flytekit could not even load the text (an unknown key is a TypeError there), so there is no
    // tag; empty when it can.
    QString loadProblem() const { return m_loadProblem; }

    bool isModified() const { return m_text != m_savedText; }
    QString savedText() const { return m_savedText; }
    Result<void> save();
    // Saves as YAML under `path`; a Python spec's document becomes that YAML file's, editable.
    Result<void> saveAs(const QString& path);
    // What the file holds now; std::nullopt when it is gone or unreadable.
    std::optional<QString> readDisk() const;
    // Takes the file's current contents as the saved state (before reloading them into the text).
    void adoptDiskText(const QString& diskText);

Q_SIGNALS:
    void textChanged();
    void specChanged();
    void diagnosticsChanged();
    void modifiedChanged(bool modified);
    void filePathChanged();
    // Someone else changed or removed the file; the text is untouched.
    void changedOnDisk();
    void removedFromDisk();

private:
    void reparse();
    void watch();
    void onFileChanged();
    void setSavedText(const QString& text);

    HostEnvironment m_host;
    Source m_source = Source::Yaml;
    QString m_path;
    QString m_variable;
    QString m_text;
    QString m_savedText;
    ImageSpec m_spec;
    Diagnostics m_diagnostics;
    Diagnostics m_importDiagnostics; // Python: what the importer found
    std::optional<Diagnostic> m_syntaxError;
    QString m_loadProblem;
    QFileSystemWatcher* m_watcher;
    QString m_reportedDiskText; // the other contents changedOnDisk() last told about
    bool m_removed = false;
};

} // namespace slipway::spec

#pragma once

#include "spec/diagnostic.h"
#include "spec/imagespec.h"

#include <QWidget>
#include <memory>

class QAction;
class QLabel;
class QScrollArea;
class QSplitter;
class QTabWidget;
class QTimer;
class QToolBar;
class QUndoStack;

namespace slipway::spec {
class SpecDocument;
}
namespace slipway::project {
class AutosaveStore;
class LiveReference;
} // namespace slipway::project

namespace slipway::ui {

class CodeEditor;
class CodeHighlighter;
class DockerfilePane;
class MessageBanner;
class ReferenceBox;
class SpecForm;

// The centre of the window while a spec is open: the form on the left; the image reference, the YAML
// and the Dockerfile on the right, all showing one SpecDocument. Every edit goes through one undo
// stack. Saves atomically, notices changes on disk, autosaves unsaved edits and offers them back.
// The tool bar is public so that build and push actions can join Save and Undo there.
class SpecEditor : public QWidget {
    Q_OBJECT

public:
    explicit SpecEditor(QWidget* parent = nullptr);
    ~SpecEditor() override;

    // Opens a YAML spec; false (and a message in the status) when it cannot be read.
    bool openYaml(const QString& path, const QString& projectFolder);
    // Opens an ImageSpec of a .py file, read-only.
    void openPython(const QString& path, const QString& variable, const spec::ImageSpec& spec,
                    const spec::Diagnostics& diagnostics, const QString& projectFolder,
                    const QString& noReferenceReason);
    void closeDocument();
    bool hasDocument() const { return m_document != nullptr; }
    spec::SpecDocument* document() const { return m_document; }
    bool isModified() const;

    // Asks whether to save unsaved changes before `doing` ("closing Slipway"). True when it is fine to
    // go on: nothing to save, saved, or the user chose to discard them.
    bool maybeSave(const QString& doing);
    bool save();
    bool saveAs();
    void revert();
    // Writes the unsaved text to the autosave store now (the timer does it a moment after each edit).
    void autosaveNow();

    // Shows where a problem is: its field in the form, or its line in the YAML.
    void showDiagnostic(const spec::Diagnostic& diagnostic);

    QUndoStack* undoStack() const { return m_undoStack; }
    QToolBar* toolBar() const { return m_toolBar; }
    QAction* saveAction() const { return m_saveAction; }
    QAction* saveAsAction() const { return m_saveAsAction; }
    QAction* revertAction() const { return m_revertAction; }
    QAction* undoAction() const { return m_undoAction; }
    QAction* redoAction() const { return m_redoAction; }
    const project::LiveReference* reference() const { return m_reference; }
    project::AutosaveStore* autosaveStore() const { return m_autosave.get(); }

Q_SIGNALS:
    void documentChanged(); // another file opened, or closed
    void modifiedChanged(bool modified);
    void diagnosticsChanged(const spec::Diagnostics& diagnostics);
    void saved(const QString& path);
    void statusMessage(const QString& message);
    void referenceCopied(const QString& reference);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void createActions();
    void fitFormArea();
    void setDocument(spec::SpecDocument* document, const QString& projectFolder);
    void applyFieldEdit(spec::Field field, const std::optional<spec::PyValue>& value);
    void applyYamlEdit();
    void pushText(const QString& text, int mergeKey, const QString& description);
    void endBurst();
    void onTextChanged();
    void onSpecChanged();
    void onDiagnosticsChanged();
    void onChangedOnDisk();
    void onRemovedFromDisk();
    void reloadFromDisk();
    void offerRecovery();
    void updateHeader();
    void updateActions();
    void showError(const QString& message);
    void hideBanner(MessageBanner* banner);

    spec::SpecDocument* m_document = nullptr;
    QString m_noReferenceReason;
    QUndoStack* m_undoStack;
    project::LiveReference* m_reference;
    std::unique_ptr<project::AutosaveStore> m_autosave;
    QTimer* m_autosaveTimer;
    QTimer* m_burstTimer;
    quint64 m_burst = 0;
    bool m_applyingText = false;

    QToolBar* m_toolBar;
    QLabel* m_icon;
    QLabel* m_title;
    QLabel* m_path;
    MessageBanner* m_readOnlyBanner;
    MessageBanner* m_diskBanner;
    MessageBanner* m_recoveryBanner;
    MessageBanner* m_syntaxBanner;
    MessageBanner* m_errorBanner;
    QSplitter* m_splitter;
    QScrollArea* m_formArea;
    SpecForm* m_form;
    ReferenceBox* m_referenceBox;
    QTabWidget* m_tabs;
    CodeEditor* m_yaml;
    CodeHighlighter* m_yamlHighlighter;
    DockerfilePane* m_dockerfile;

    QAction* m_saveAction = nullptr;
    QAction* m_saveAsAction = nullptr;
    QAction* m_revertAction = nullptr;
    QAction* m_undoAction = nullptr;
    QAction* m_redoAction = nullptr;
};

} // namespace slipway::ui
